/**
 * Local bridges (PROTOCOL.md D, "Local bridges"): programs on this machine that push live events in
 * with a `bridge` token (POST /bridge/events), and Social Stream Ninja listeners the host adds
 * (POST/GET/DELETE /bridges, or the same seat commands). Both hand their events to
 * LiveService.ingestLocal, the path the gateway link's events take from the ledger on. Listeners are
 * kept in `bridges.json` (0600: an SSN session id lets anyone read the chat) and start again with the engine.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  type BridgeCreate,
  type BridgeView,
  type CommandHandlers,
  type RouteHandlers,
  type StudioState,
  ssnSessionSchema,
} from '../../../shared/contract';
import { StudioError } from '../../../shared/errors';
import type { InboundEvent } from '../../../shared/events';
import { parseJsonBody, validateInboundBatch } from '../../../shared/live/inbound';
import { JsonFileWriter, readJsonFile } from '../json-file';
import type { Logger } from '../log';
import type { StateStore } from '../state';
import type { LiveService } from './live-service';
import { readSsnFrame } from './ssn/map-ssn';
import { DEFAULT_SSN_RELAY, SsnConnection, type SsnSnapshot } from './ssn/ssn-connection';

const storedBridge = z.object({
  id: z.string().min(1).max(64),
  kind: z.literal('ssn'),
  session: ssnSessionSchema,
  url: z.string().max(500).optional(),
  label: z.string().max(40),
  createdAt: z.number(),
  events: z.number().int().nonnegative(),
  lastEventAt: z.number().nullable(),
  dropped: z.number().int().nonnegative().default(0),
});
const fileSchema = z.object({ bridges: z.array(storedBridge) });
type StoredBridge = z.infer<typeof storedBridge>;

/** Frames are applied in batches: a chat flood costs one ledger transaction per batch, not per comment. */
const FLUSH_MS = 50;
const MAX_BATCH = 500;
/** Kept (and retried) while the ledger cannot write; beyond this the oldest are dropped and logged. */
const MAX_PENDING = 20_000;

interface Running {
  stored: StoredBridge;
  connection: SsnConnection;
  pending: InboundEvent[];
  timer: NodeJS.Timeout | null;
  /** Reason of the current streak of unreadable frames ('' when none). */
  malformed: string;
}

export interface BridgeServiceOptions {
  dataDir: string;
  live: LiveService;
  state: StateStore<StudioState>;
  logger: Logger;
  /** Active bridge tokens (seat id, label), so the console lists them before they first post. */
  bridgeTokens: () => { id: string; label: string }[];
  /** Options of every SSN connection (tests shorten backoff). */
  ssn?: { backoff?: { initialMs: number; maxMs: number; factor: number; jitter: number }; pingEveryMs?: number };
}

export interface BridgeService {
  /** Also served as `POST /bridges` and `DELETE /bridges/:id` (shared/contract/sources.ts). */
  handlers: Pick<CommandHandlers, 'bridges.create' | 'bridges.remove'>;
  routeHandlers: Pick<RouteHandlers, 'POST /bridge/events' | 'GET /bridges'>;
  /** A bridge token was created or revoked: its source appears in or leaves the console. */
  tokenCreated(id: string, label: string): void;
  tokenRevoked(id: string): void;
  close(): Promise<void>;
}

export function createBridgeService(options: BridgeServiceOptions): BridgeService {
  const { live, state, logger } = options;
  const log = logger.child({ module: 'bridges' });
  const file = join(options.dataDir, 'bridges.json');
  const writer = new JsonFileWriter(file);
  const running = new Map<string, Running>();
  let saveTimer: NodeJS.Timeout | null = null;
  let closed = false;

  const tokenSource = (seatId: string) => `bridge:${seatId}`;
  const ssnSource = (id: string) => `ssn:${id}`;
  for (const t of options.bridgeTokens())
    live.sources.set(tokenSource(t.id), { kind: 'bridge', label: t.label, state: 'idle' });

  const view = (r: Running): BridgeView => {
    const s = r.connection.state;
    return {
      id: r.stored.id,
      kind: 'ssn',
      state: s.state,
      lastEventAt: r.stored.lastEventAt,
      events: r.stored.events,
      label: r.stored.label,
      dropped: r.stored.dropped,
      ...(s.reason ? { reason: s.reason } : {}),
    };
  };
  const list = (): BridgeView[] => [...running.values()].map(view);
  const publish = () => state.set('bridges', list());

  const save = (now = false) => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    const write = () => void writer.write({ bridges: [...running.values()].map((r) => r.stored) });
    if (now) write();
    else saveTimer = setTimeout(write, 2_000);
  };

  const flush = (r: Running) => {
    r.timer = null;
    if (!running.has(r.stored.id)) return;
    while (r.pending.length > 0) {
      const batch = r.pending.slice(0, MAX_BATCH);
      let accepted: number;
      try {
        ({ accepted } = live.ingestLocal(batch, ssnSource(r.stored.id)));
      } catch (error) {
        // The relay cannot be asked again: keep the events and try once the ledger can write.
        log.error(
          { err: error, bridge: r.stored.id, pending: r.pending.length },
          'SSN events could not be recorded; retrying',
        );
        if (!closed) r.timer = setTimeout(() => flush(r), 1_000);
        return;
      }
      r.pending.splice(0, batch.length);
      if (accepted > 0) {
        r.stored.events += accepted;
        r.stored.lastEventAt = Date.now();
      }
    }
    save();
    publish();
  };

  const onSnapshot = (r: Running, s: SsnSnapshot) => {
    live.sources.set(ssnSource(r.stored.id), {
      kind: 'ssn',
      label: r.stored.label,
      state: s.state === 'stopped' ? 'disconnected' : s.state,
      ...(s.reason ? { reason: s.reason } : {}),
    });
    publish();
  };

  const onFrame = (r: Running, frame: string) => {
    const id = r.stored.id;
    const reading = readSsnFrame(frame, Date.now());
    if (!reading.ok) {
      r.stored.dropped++;
      // One line per streak of the same fault: a misbehaving relay must not flood the log.
      if (reading.reason !== r.malformed) log.warn({ bridge: id, reason: reading.reason }, 'SSN message ignored');
      r.malformed = reading.reason;
      publish();
      return;
    }
    r.malformed = '';
    if (reading.events.length === 0) return;
    if (r.pending.length + reading.events.length > MAX_PENDING) {
      r.pending.splice(0, reading.events.length);
      r.stored.dropped += reading.events.length;
      log.error({ bridge: id }, 'SSN backlog full: oldest events dropped');
    }
    r.pending.push(...reading.events);
    if (r.pending.length >= MAX_BATCH) flush(r);
    else r.timer ??= setTimeout(() => flush(r), FLUSH_MS);
  };

  const run = (stored: StoredBridge): Running => {
    const r: Running = {
      stored,
      pending: [],
      timer: null,
      malformed: '',
      connection: new SsnConnection({
        relay: stored.url ?? DEFAULT_SSN_RELAY,
        session: stored.session,
        logger: log.child({ bridge: stored.id }),
        backoff: options.ssn?.backoff,
        pingEveryMs: options.ssn?.pingEveryMs,
        onFrame: (frame) => onFrame(r, frame),
      }),
    };
    r.connection.on('state', (s) => onSnapshot(r, s));
    running.set(stored.id, r);
    onSnapshot(r, r.connection.state);
    r.connection.start();
    return r;
  };

  for (const stored of readJsonFile(file, fileSchema, { bridges: [] }, log).bridges) run(stored);
  publish();

  const create = (a: BridgeCreate): BridgeView => {
    const stored: StoredBridge = {
      id: `br_${randomBytes(5).toString('hex')}`,
      kind: 'ssn',
      session: a.session,
      ...(a.url ? { url: a.url } : {}),
      label: a.label ?? `SSN ${running.size + 1}`,
      createdAt: Date.now(),
      events: 0,
      lastEventAt: null,
      dropped: 0,
    };
    const r = run(stored);
    save(true);
    log.info({ bridge: stored.id, relay: stored.url ?? DEFAULT_SSN_RELAY }, 'SSN bridge added');
    return view(r);
  };

  const remove = (id: string): { removed: string } => {
    const r = running.get(id);
    if (!r) throw new StudioError('unknown_bridge', `No bridge ${id}`, { status: 404, path: 'id' });
    if (r.timer) clearTimeout(r.timer);
    flush(r); // what arrived before the removal is kept
    r.connection.stop();
    running.delete(id);
    live.sources.remove(ssnSource(id));
    save(true);
    publish();
    log.info({ bridge: id }, 'SSN bridge removed');
    return { removed: id };
  };

  /** A bridge token's (or the host's) batch: validated exactly as the gateway validates PROTOCOL B's. */
  const postEvents = (bytes: Uint8Array, seat: { id: string; label: string }) => {
    const events = validateInboundBatch(parseJsonBody(bytes));
    const source = tokenSource(seat.id);
    if (!live.sources.has(source)) live.sources.set(source, { kind: 'bridge', label: seat.label, state: 'idle' });
    try {
      return live.ingestLocal(events, source);
    } catch (error) {
      log.error({ err: error }, 'bridge events could not be recorded');
      throw new StudioError('store_unavailable', 'Could not record the events; nothing was applied, send them again', {
        status: 503,
      });
    }
  };

  const handlers: BridgeService['handlers'] = {
    'bridges.create': (a) => create(a),
    'bridges.remove': (a) => remove(a.id),
  };
  const routeHandlers: BridgeService['routeHandlers'] = {
    'POST /bridge/events': ({ body }, { seat }) => postEvents(body.bytes, seat),
    'GET /bridges': () => ({ bridges: list() }),
  };

  return {
    handlers,
    routeHandlers,
    tokenCreated: (id, label) => live.sources.set(tokenSource(id), { kind: 'bridge', label, state: 'idle' }),
    tokenRevoked: (id) => live.sources.remove(tokenSource(id)),
    async close() {
      closed = true;
      if (saveTimer) clearTimeout(saveTimer);
      for (const r of running.values()) {
        r.connection.stop();
        if (r.timer) clearTimeout(r.timer);
        flush(r); // what arrived before the engine stopped is recorded
      }
      save(true);
      await writer.flush();
    },
  };
}
