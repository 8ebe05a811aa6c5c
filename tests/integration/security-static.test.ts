/**
 * Path traversal on every static route of the engine (/ and /assets from the console build, /catalogue
 * from the data folder and the demo catalogue, /overlay), with raw request paths (fetch would normalise
 * `..` away): encoded and double-encoded dots and slashes, backslashes, NUL, overlong UTF-8, absolute
 * paths. Canary files sit right outside each served folder; none may ever be in a reply.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EngineProcess, startEngineProcess } from '../harness/engine';

const CANARY = 'CANARY-7f3e-not-for-the-web';
let root: string;
let engine: EngineProcess;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'maishou-traversal-'));
  const renderer = join(root, 'site', 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'site', 'secret.txt'), CANARY);
  writeFileSync(join(root, 'secret.txt'), CANARY);
  const dataDir = join(root, 'data');
  mkdirSync(join(dataDir, 'catalogue', 'images'), { recursive: true });
  writeFileSync(join(dataDir, 'catalogue', 'images', 'a.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dataDir, 'secret.txt'), CANARY);
  process.env.MAISHOU_RENDERER_DIR = renderer;
  engine = await startEngineProcess({ dataDir });
  delete process.env.MAISHOU_RENDERER_DIR;
}, 90_000);

afterAll(async () => {
  await engine?.dispose();
  rmSync(root, { recursive: true, force: true });
});

function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: engine.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const ESCAPES = [
  '../secret.txt',
  '../../secret.txt',
  '../../../secret.txt',
  '..%2fsecret.txt',
  '..%2F..%2Fsecret.txt',
  '%2e%2e/secret.txt',
  '%2e%2e%2f%2e%2e%2fsecret.txt',
  '%252e%252e%252fsecret.txt',
  '..\\secret.txt',
  '..%5c..%5csecret.txt',
  '%c0%ae%c0%ae/secret.txt',
  '..%00/secret.txt',
  'images/../../secret.txt',
  'images/..%2f..%2fsecret.txt',
  '.%2e/.%2e/secret.txt',
  '//etc/passwd',
  '%2fetc%2fpasswd',
  '....//....//secret.txt',
  'tokens.json',
  '../tokens.json',
  '../../data/tokens.json',
];

describe('static routes never serve a file outside their folder', () => {
  it('serves what is inside (so the probes below hit live routes)', async () => {
    expect((await rawGet('/')).body).toContain('console');
    expect((await rawGet('/assets/app.js')).body).toContain('console.log');
    expect((await rawGet('/catalogue/images/a.svg')).status).toBe(200);
  });

  it.each(['/', '/assets/', '/catalogue/', '/catalogue/images/', '/overlay/', '/overlay/product/'])(
    'under %s',
    async (prefix) => {
      for (const probe of ESCAPES) {
        const res = await rawGet(`${prefix}${probe}`);
        expect(res.status, `${prefix}${probe}`).toBeLessThan(500);
        expect(res.body, `${prefix}${probe}`).not.toContain(CANARY);
        expect(res.body, `${prefix}${probe}`).not.toContain(engine.controlToken);
        expect(res.body, `${prefix}${probe}`).not.toContain('root:x:0:0');
      }
    },
  );
});
