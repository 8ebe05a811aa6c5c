/**
 * What the desktop package ships natively is built where it runs. Walks the production dependency tree
 * as installed (package.json dependencies, then each package's dependencies and optional dependencies
 * found in node_modules) and lists every `.node` file; each must be for a platform the dist workflow
 * builds on (by its package's `os`/`cpu`), and each native package with per-platform optional
 * binaries must have one locked for every platform of the workflow, so `npm ci` there installs it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../harness/engine';

interface Pkg {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
}

const readPkg = (dir: string): Pkg => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Node's lookup: node_modules/<name> in `from` and each folder above it, up to the repo. */
function resolvePackage(name: string, from: string): string | null {
  for (let dir = from; dir.startsWith(REPO_ROOT); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === REPO_ROOT) break;
  }
  return null;
}

/** Package folders of the production tree (installed ones; optional ones for other OSes are absent). */
function productionPackages(): string[] {
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = readPkg(dir);
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
      const found = resolvePackage(name, dir);
      if (found) visit(found);
    }
  };
  const root = readPkg(REPO_ROOT);
  for (const name of Object.keys({ ...root.dependencies, ...root.optionalDependencies })) {
    const found = resolvePackage(name, REPO_ROOT);
    if (found) visit(found);
  }
  return [...seen];
}

function nodeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue; // nested packages are visited as packages
    const path = join(dir, entry);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...nodeFiles(path));
    else if (entry.endsWith('.node')) out.push(path);
  }
  return out;
}

/** The platforms the dist workflow builds on, as `platform-arch`. */
function workflowPlatforms(): string[] {
  const yml = readFileSync(join(REPO_ROOT, '.github/workflows/dist.yml'), 'utf8');
  expect(yml).toMatch(/- run: npm ci\b/);
  expect(yml).toMatch(/- run: npm run dist\b/);
  return [...yml.matchAll(/platform: (\w+)\s+arch: (\w+)/g)].map((m) => `${m[1]}-${m[2]}`);
}

const covers = (pkg: Pkg, target: string) => {
  const [os, cpu] = target.split('-');
  return (!pkg.os || pkg.os.includes(os)) && (!pkg.cpu || pkg.cpu.includes(cpu));
};

describe('native modules in what ships', () => {
  const platforms = workflowPlatforms();

  it('the dist workflow builds on Windows, macOS (Intel and Apple silicon) and Linux', () => {
    expect(platforms.sort()).toEqual(['darwin-arm64', 'darwin-x64', 'linux-x64', 'win32-x64']);
  });

  it('every .node file that would ship is for a platform the workflow builds on', () => {
    const found: string[] = [];
    for (const dir of productionPackages()) {
      const pkg = readPkg(dir);
      for (const file of nodeFiles(dir)) {
        found.push(relative(REPO_ROOT, file));
        // a binary built on install (no os/cpu) is built on each runner; a prebuilt one must be for one of them
        expect(
          platforms.some((p) => covers(pkg, p)),
          `${relative(REPO_ROOT, file)} (${pkg.os}/${pkg.cpu})`,
        ).toBe(true);
      }
    }
    expect(found).toContain('node_modules/@resvg/resvg-js-linux-x64-gnu/resvgjs.linux-x64-gnu.node');
    // build tools' binaries are not in the production tree
    expect(found.some((f) => f.includes('rolldown') || f.includes('lightningcss'))).toBe(false);
  });

  it('each per-platform binary package is locked for every platform the workflow builds on', () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, Pkg & { optional?: boolean }>;
    };
    const withBinaries = productionPackages()
      .map(readPkg)
      .filter((p) => Object.keys(p.optionalDependencies ?? {}).some((d) => lock.packages[`node_modules/${d}`]?.os));
    expect(withBinaries.map((p) => p.name)).toContain('@resvg/resvg-js');
    for (const pkg of withBinaries) {
      const variants = Object.keys(pkg.optionalDependencies ?? {}).map((d) => lock.packages[`node_modules/${d}`]);
      for (const target of platforms) {
        // glibc Linux, MSVC Windows: the runners' flavours
        const hit = variants.some((v) => v?.os && covers(v, target) && !/musl|android/.test(JSON.stringify(v)));
        expect(hit, `${pkg.name} has no binary locked for ${target}`).toBe(true);
      }
    }
  });
});
