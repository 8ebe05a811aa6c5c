/**
 * Bad input everywhere the headless engine listens, fuzzed with fast-check against the real process:
 * control API bodies and headers, seat socket payloads, catalogue imports (CSV in any encoding, XLSX and
 * garbage that claims to be XLSX), and overlay/static URLs. Every reply is below 500, every rejection is
 * the public error body, a rejection changes nothing, and the engine stays up and keeps its log clean.
 * (Webhook bodies and headers are fuzzed against the gateway in gateway-fuzz.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, type StudioState } from '../../shared/contract';
import { type EngineProcess, startEngineProcess } from '../harness/engine';
import { waitFor } from '../harness/process';
import { levelOf } from '../soak/processes';

let engine: EngineProcess;
let observer: { socket: Socket; state: StudioState | null };

beforeAll(async () => {
  engine = await startEngineProcess({ args: ['--demo-speed', '100'] });
  const socket = io(`${engine.url}/seat`, { auth: { token: engine.controlToken } });
  observer = { socket, state: null };
  socket.on('snapshot', (s: { state: StudioState }) => {
    observer.state = s.state;
  });
  socket.on('patch', (p: Partial<StudioState>) => {
    if (observer.state) observer.state = { ...observer.state, ...p };
  });
  await waitFor(() => observer.state, { what: 'observer snapshot' });
}, 90_000);

afterAll(async () => {
  observer?.socket.close();
  await engine?.dispose();
});

/** What a rejected call must leave as it was: catalogue, sessions, seats, pin, settings, hotkeys. */
async function fingerprint(): Promise<string> {
  const get = async (path: string) => (await engine.api(path)).json();
  const [products, sessions, seats] = await Promise.all([get('/products'), get('/sessions'), get('/seats')]);
  await new Promise((r) => setTimeout(r, 15)); // patches of a (wrongly) applied change would be on their way
  const s = observer.state!;
  // the demo room keeps selling, so a session's running figures move by themselves: compare the sessions' identity
  const list = (sessions as { sessions: { id: string; title: string; startedAt: number; endedAt: number | null }[] })
    .sessions;
  return JSON.stringify({
    products,
    sessions: list.map((x) => [x.id, x.title, x.startedAt, x.endedAt]),
    seats: (seats as { seats: unknown }).seats,
    pin: s.pin,
    settings: s.settings,
    hotkeys: s.hotkeys,
    session: s.session,
  });
}

function expectErrorBody(status: number, body: unknown, what: string): void {
  expect(status, what).toBeLessThan(500);
  const error = (body as { error?: { code?: unknown; message?: unknown } })?.error;
  expect(typeof error?.code, `${what}: ${JSON.stringify(body)}`).toBe('string');
  expect(error?.code, what).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(typeof error?.message, what).toBe('string');
  expect(String(error?.message).length, what).toBeGreaterThan(3);
}

async function alive(): Promise<void> {
  expect(engine.process.child.exitCode).toBeNull();
  expect((await engine.api('/status')).status).toBe(200);
}

const WRITE_ROUTES: [string, string][] = [
  ['POST', '/pin'],
  ['POST', '/pin/next'],
  ['POST', '/pin/previous'],
  ['POST', '/unpin'],
  ['POST', '/sessions/start'],
  ['POST', '/sessions/stop'],
  ['POST', '/products'],
  ['PUT', '/products/order'],
  ['PATCH', '/products/MS-CL-001'],
  ['DELETE', '/products/%00%ff'],
  ['POST', '/seats'],
  ['DELETE', '/seats/seat_nope'],
  ['POST', '/sharing'],
  ['GET', '/sessions/nope/stats'],
  ['GET', '/sessions/%E0%A4%A/export?format=xml'],
];

const jsonish = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string(),
  fc.constantFrom('', '{', '[]', 'null', '{"productId":', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{}}'),
  fc
    .record({
      productId: fc.oneof(fc.string(), fc.integer(), fc.constant('MS-CL-001')),
      version: fc.oneof(fc.integer(), fc.double(), fc.string()),
      title: fc.string({ maxLength: 300 }),
      role: fc.oneof(fc.constantFrom('host', 'assistant', 'viewer', 'overlay'), fc.string()),
      enabled: fc.anything(),
      price: fc.anything(),
      productIds: fc.array(fc.string(), { maxLength: 5 }),
    })
    .map((v) => JSON.stringify(v)),
);

describe('fuzzing the control API', () => {
  it('answers every random body on every write route below 500, and a rejection changes nothing', async () => {
    let before = await fingerprint();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...WRITE_ROUTES),
        jsonish,
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
        async ([method, path], body, contentType) => {
          const res = await engine.api(path, {
            method,
            body: method === 'GET' ? undefined : body,
            headers: contentType ? { 'content-type': contentType } : {},
          });
          const text = await res.text();
          expect(res.status, `${method} ${path} ${body}: ${text}`).toBeLessThan(500);
          if (res.status >= 400) {
            expectErrorBody(res.status, JSON.parse(text), `${method} ${path} ${body}`);
            expect(await fingerprint(), `${method} ${path} ${body} changed state`).toBe(before);
          } else {
            accepted++;
            before = await fingerprint();
          }
        },
      ),
      { numRuns: 250 },
    );
    expect(accepted).toBeGreaterThan(0); // some random bodies are valid (pin/next ignores its body)
    await alive();
  }, 120_000);

  it('refuses random tokens, Host and Origin headers with the error body and no change', async () => {
    const before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.constantFrom('Bearer', 'Bearer ', `Bearer ${engine.controlToken}x`, `bearer\t${'a'.repeat(500)}`),
        ),
        fc.option(
          fc.constantFrom('evil.example:80', `127.0.0.1.nip.io:${engine.port}`, `localhost:${engine.port + 1}`, ''),
        ),
        fc.option(fc.constantFrom('http://evil.example', 'null', 'file://', `http://127.0.0.1:${engine.port + 1}`)),
        async (authorization, host, origin) => {
          const headers: Record<string, string> = { authorization };
          if (origin) headers.origin = origin;
          // fetch cannot forge Host; raw http can
          const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
            import('node:http').then(({ request }) => {
              const req = request(
                {
                  host: '127.0.0.1',
                  port: engine.port,
                  path: '/api/v1/pin/next',
                  method: 'POST',
                  headers: { ...headers, ...(host !== null ? { host } : {}) },
                },
                (r) => {
                  let body = '';
                  r.on('data', (c) => (body += c));
                  r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
                },
              );
              req.on('error', reject);
              req.end('{}');
            }, reject);
          });
          expect([401, 403]).toContain(res.status);
          expectErrorBody(res.status, JSON.parse(res.body), `auth ${authorization}`);
        },
      ),
      { numRuns: 100 },
    );
    expect(await fingerprint()).toBe(before);
  }, 60_000);
});

describe('fuzzing seat sockets', () => {
  it('answers random commands and payloads with the error reply, and a rejection changes nothing', async () => {
    const socket = io(`${engine.url}/seat`, { auth: { token: engine.controlToken } });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const names = Object.keys(commands).filter((n) => n !== 'gateway.configure');
    let before = await fingerprint();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...names), fc.string(), fc.anything()),
        fc.oneof(fc.anything(), fc.jsonValue(), fc.dictionary(fc.string(), fc.anything())),
        async (name, args) => {
          const reply = (await socket.timeout(10_000).emitWithAck('command', name, args)) as {
            ok: boolean;
            error?: { code: string; message: string };
          };
          expect(typeof reply.ok).toBe('boolean');
          if (!reply.ok) {
            expectErrorBody(400, reply, `command ${String(name)}`);
            expect(await fingerprint(), `command ${String(name)} changed state`).toBe(before);
          } else before = await fingerprint();
        },
      ),
      { numRuns: 200 },
    );
    // events that are not commands, and commands without an ack, are ignored
    socket.emit('command', 'pin.next', {});
    socket.emit('nonsense', { a: 1 });
    socket.emit('command');
    await alive();
    socket.close();
  }, 120_000);

  it('refuses random handshake tokens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (token) => {
        const outcome = await new Promise<string>((resolve) => {
          const s = io(`${engine.url}/seat`, {
            auth: { token } as Record<string, unknown>,
            reconnection: false,
            forceNew: true,
          });
          s.once('connect', () => {
            s.close();
            resolve('connected');
          });
          s.once('connect_error', (e) => {
            s.close();
            resolve(e.message);
          });
        });
        expect(outcome).toBe('bad_token');
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

const cell = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '299.00',
    '-1',
    '1e309',
    'NaN',
    '０.０１',
    '9999999999999999999',
    '=cmd|calc',
    '"',
    '""',
    '\r',
    '商品',
  ),
);

describe('fuzzing catalogue imports', () => {
  it('takes random CSV (UTF-8, GBK, BOM, broken quotes) with a per-line report and never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 9 }), { minLength: 0, maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom('utf8', 'gbk', 'bom', 'raw'),
        async (rows, header, encoding) => {
          const lines = rows.map((r) => r.join(','));
          if (header) lines.unshift('sku,title,price,originalPrice,stock,image,linkNo');
          const text = lines.join(encoding === 'raw' ? '\r' : '\n');
          const body =
            encoding === 'gbk'
              ? iconv.encode(text, 'gbk')
              : encoding === 'bom'
                ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
                : Buffer.from(text);
          const before = await fingerprint();
          const res = await engine.api('/products/import', {
            method: 'POST',
            body,
            headers: { 'content-type': 'text/csv' },
          });
          const json = (await res.json()) as { imported?: number; errors?: { line: number; message: string }[] };
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expectErrorBody(res.status, json, 'csv import');
            expect(await fingerprint()).toBe(before);
          } else {
            expect(typeof json.imported).toBe('number');
            for (const e of json.errors ?? []) {
              expect(Number.isInteger(e.line)).toBe(true);
              expect(e.message.length).toBeGreaterThan(3);
            }
          }
        },
      ),
      { numRuns: 120 },
    );
    await alive();
  }, 120_000);

  it('refuses garbage that claims to be XLSX and reads random valid workbooks', async () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom(Buffer.alloc(0), Buffer.from('PK\u0003\u0004'), Buffer.from('PK\u0005\u0006')),
        async (bytes, prefix) => {
          const before = await fingerprint();
          const res = await engine.api('/products/import', {
            method: 'POST',
            body: Buffer.concat([prefix, bytes]),
            headers: { 'content-type': xlsx },
          });
          const json = await res.json();
          if (res.status >= 400) {
            expectErrorBody(res.status, json, 'xlsx garbage');
            expect(await fingerprint()).toBe(before);
          } else expect(res.status).toBe(200);
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 8 }), async (rows) => {
        const book = new ExcelJS.Workbook();
        const sheet = book.addWorksheet('商品');
        sheet.addRow(['商品编码', '商品名称', '价格', '原价', '库存', '图片', '链接号']);
        for (const r of rows) sheet.addRow(r);
        const body = Buffer.from(await book.xlsx.writeBuffer());
        const res = await engine.api('/products/import', { method: 'POST', body, headers: { 'content-type': xlsx } });
        const json = await res.json();
        expect(res.status, JSON.stringify(json)).toBeLessThan(500);
        if (res.status >= 400) expectErrorBody(res.status, json, 'xlsx');
      }),
      { numRuns: 25 },
    );
    await alive();
  }, 120_000);
});

describe('fuzzing page URLs', () => {
  it('answers garbage overlay, catalogue and asset URLs without a 5xx (503 only for a missing console build)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/overlay/', '/catalogue/', '/catalogue/images/', '/assets/', '/'),
        fc.oneof(
          fc.string(),
          fc.webSegment(),
          fc.constantFrom('product', 'chat', 'orders', 'goal', '..', '%2e%2e', '%', '%zz', '%00', '%E0%A4%A', '\u202e'),
        ),
        fc.option(fc.oneof(fc.string(), fc.constant(engine.overlayToken))),
        async (prefix, name, token) => {
          const path = `${prefix}${encodeURI(name).replace(/#/g, '%23').replace(/\?/g, '%3F')}`;
          const res = await fetch(`${engine.url}${path}${token !== null ? `?token=${encodeURIComponent(token)}` : ''}`);
          const text = await res.text();
          if (res.status === 503) expect(text).toContain('renderer_missing');
          else expect(res.status, `${path}: ${text.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) expectErrorBody(res.status === 503 ? 499 : res.status, JSON.parse(text), path);
          expect(text).not.toContain(engine.controlToken);
        },
      ),
      { numRuns: 200 },
    );
    await alive();
  }, 120_000);
});

describe('after all the fuzzing', () => {
  it('the engine logged no error', async () => {
    await alive();
    const log = readFileSync(join(engine.dataDir, 'logs', 'engine.log'), 'utf8');
    const errors = log.split('\n').filter((l) => levelOf(l) >= 50);
    expect(errors).toEqual([]);
  });
});
