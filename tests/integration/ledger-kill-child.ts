/**
 * Child of the durability test: applies the deterministic stream in batches of 100 from the ledger's
 * last applied seq (re-sending the last 30 as a reconnecting client would) and prints `ack <seq>` after
 * each batch is committed. The test SIGKILLs it mid-way.
 * Usage: node --import tsx ledger-kill-child.ts <dataDir> <lastSeq>
 */
import { openLedger } from '../../electron/engine/ledger/ledger';
import { KILL_T0, streamEvent } from './ledger-stream';

const [dataDir, lastArg] = process.argv.slice(2);
const last = Number(lastArg);
const ledger = openLedger({ dataDir, backups: 2, room: 'r1', resumeWindowMs: 0, now: () => KILL_T0 });
const interrupted = ledger.interruptedSession();
if (interrupted) ledger.resumeSession(interrupted.id);
else if (!ledger.currentSession()) ledger.startSession({ title: 'kill test', at: KILL_T0 });
let seq = Math.max(1, ledger.lastAppliedSeq('r1') - 30);
process.stdout.write(`start ${seq}\n`);
while (seq <= last) {
  const batch = [];
  for (let i = 0; i < 100 && seq <= last; i++) batch.push(streamEvent(seq++));
  const result = ledger.applyLiveEvents(batch);
  process.stdout.write(`ack ${result.lastSeq.r1}\n`);
}
process.stdout.write('done\n');
ledger.close();
