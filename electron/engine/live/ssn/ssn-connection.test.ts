/** The SSN listener against a FAKE relay (tests/harness/fake-ssn-relay.ts) over real websockets. */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSsnRelay, startFakeSsnRelay } from '../../../../tests/harness/fake-ssn-relay';
import { waitFor } from '../../../../tests/harness/process';
import { joinUrl, SsnConnection, type SsnState } from './ssn-connection';

const fast = { initialMs: 50, maxMs: 200, factor: 2, jitter: 0.3 };
let relay: FakeSsnRelay;
const connections: SsnConnection[] = [];

afterEach(async () => {
  for (const c of connections.splice(0)) c.stop();
  await relay?.close();
});

function listen(url: string, session: string) {
  const frames: string[] = [];
  const states: SsnState[] = [];
  const c = new SsnConnection({ relay: url, session, onFrame: (f) => frames.push(f), backoff: fast });
  c.on('state', (s) => states.push(s.state));
  connections.push(c);
  c.start();
  return { c, frames, states };
}

describe('SsnConnection', () => {
  it('joins the session on channel 4 and receives what the extension publishes there', async () => {
    relay = await startFakeSsnRelay();
    const { c, frames } = listen(relay.url, 'sess_A1');
    await waitFor(() => c.state.state === 'connected' && relay.listeners('sess_A1', 4) === 1);
    const pub = await relay.publisher('sess_A1');
    pub.send({ chatname: '小鹿', chatmessage: '在吗', type: 'youtube' });
    await waitFor(() => frames.length === 1);
    expect(JSON.parse(frames[0])).toMatchObject({ chatname: '小鹿' });
    // Another session's chat never reaches this listener.
    const other = await relay.publisher('sess_B2');
    other.send({ chatname: 'x', chatmessage: 'y' });
    pub.send({ chatname: '阿宁', chatmessage: '2' });
    await waitFor(() => frames.length === 2);
    expect(JSON.parse(frames[1]).chatname).toBe('阿宁');
    pub.close();
    other.close();
  });

  it('reconnects with backoff after the relay drops the connection, and joins again', async () => {
    relay = await startFakeSsnRelay();
    const { c, frames, states } = listen(relay.url, 's1');
    await waitFor(() => c.state.state === 'connected');
    const joinsBefore = relay.joins;
    relay.dropAll();
    await waitFor(() => states.includes('reconnecting'));
    await waitFor(() => c.state.state === 'connected' && relay.joins > joinsBefore && relay.listeners('s1', 4) === 1);
    const pub = await relay.publisher('s1');
    pub.send({ chatname: 'a', chatmessage: 'back' });
    await waitFor(() => frames.length === 1);
    pub.close();
  });

  it('keeps retrying while the relay is down and connects when it comes back', async () => {
    relay = await startFakeSsnRelay();
    const port = new URL(relay.url).port;
    await relay.close();
    const { c } = listen(`ws://127.0.0.1:${port}`, 's2');
    await waitFor(() => c.state.state === 'reconnecting' && c.state.attempt >= 2);
    expect(c.state.reason).toBe('ECONNREFUSED');
    // The relay is back on the same port.
    relay = await startFakeSsnRelay(Number(port));
    await waitFor(() => c.state.state === 'connected', { timeoutMs: 10_000 });
  });

  it('fails without retrying when the relay refuses the address, and stop() ends everything', async () => {
    relay = await startFakeSsnRelay();
    const c = new SsnConnection({
      relay: `${relay.url}/not-a-relay`,
      session: 's',
      onFrame: () => undefined,
      backoff: fast,
    });
    connections.push(c);
    c.start();
    await waitFor(() => c.state.state === 'failed');
    expect(c.state.reason).toBe('http_404');
    c.stop();
    expect(c.state.state).toBe('stopped');
  });

  it('builds the join address with the session escaped', () => {
    expect(joinUrl('wss://io.socialstream.ninja/', 'ab_C-1')).toBe('wss://io.socialstream.ninja/join/ab_C-1/4');
  });
});
