/**
 * battsim as other projects use it (issue 13): the packed tarball, installed into small consumer projects kept in
 * test/consumers/, each of which starts an emulator, drives it and asserts on what it reads.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/battsim-process.ts';
import { consumerNames, consumerWorkspace, packBattsim, type PackedBattsim } from './packed.ts';
import { readmeTypeScriptExamples } from './readme-examples.ts';

let packed: PackedBattsim;
let app: string;

beforeAll(() => {
  packed = packBattsim();
  app = consumerWorkspace(packed.tarball, consumerNames());
  const examples = join(app, 'typescript', 'src', 'readme');
  mkdirSync(examples);
  readmeTypeScriptExamples().forEach((code, i) => writeFileSync(join(examples, `example-${i + 1}.ts`), code));
}, 120_000);

/** The environment without the outer vitest's own variables, which would change how an inner vitest or jest runs. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|NODE_ENV$|NODE_OPTIONS$|JEST|FORCE_COLOR)/.test(k)));
  return { ...env, NO_COLOR: '1' };
}

function run(consumer: string, file: string, args: readonly string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [file, ...args], { cwd: join(app, consumer), env: cleanEnv(), encoding: 'utf8', timeout: 170_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const tool = (path: string) => join(REPO_ROOT, 'node_modules', path);

describe('the packed tarball', () => {
  it('holds the built package, the specs, the examples, README and LICENSE, and no tests, benches or TypeScript sources', () => {
    expect(packed.files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/battsim.js', 'dist/simulator/index.js', 'dist/simulator/index.d.ts', 'dist/cjs/index.cjs', 'dist/clients/index.js', 'dist/openapi/sessy.yaml', 'dist/simulator/scenarios/flaky-wifi.yaml', 'openapi/homevolt.yaml', 'examples/sites/home-3-sessy.yaml', 'examples/pytest/battsim_fixture.py', 'examples/go/battsim_test.go']));
    expect(packed.files.filter((f) => /^(test|bench|scripts)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  it("carries Sessy's spec as JSON too, the same document as the YAML (the emulator reads it at every start)", () => {
    const json = JSON.parse(readFileSync(join(app, 'node_modules', 'battsim', 'dist', 'openapi', 'sessy.json'), 'utf8')) as unknown;
    expect(json).toEqual(parse(readFileSync(join(REPO_ROOT, 'openapi', 'sessy.yaml'), 'utf8')));
  });
});

describe('consumer projects', () => {
  it('a plain Node ES module script', () => {
    const { status, output } = run('esm', 'main.mjs', []);
    expect(output).toContain('esm consumer: ok');
    expect(status).toBe(0);
  });

  it('a CommonJS script', () => {
    const { status, output } = run('cjs', 'main.cjs', []);
    expect(output).toContain('cjs consumer: ok');
    expect(status).toBe(0);
  });

  it('a jest suite in its default CommonJS mode, the emulator started in process', () => {
    const { status, output } = run('jest', tool('jest/bin/jest.js'), ['--ci', '--rootDir', '.']);
    expect(output).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(status).toBe(0);
  }, 60_000);

  it('a vitest suite with no battsim-specific configuration', () => {
    const { status, output } = run('vitest', tool('vitest/vitest.mjs'), ['run', '--root', '.']);
    expect(output).toMatch(/Tests\s+1 passed/);
    expect(status).toBe(0);
  }, 60_000);

  it('a CommonJS TypeScript project resolving modules as Node 10 did (no "exports") type-checks, compiles and runs', () => {
    const compiled = run('typescript-node10', tool('typescript/bin/tsc'), ['-p', '.']);
    expect(compiled.output).toBe('');
    expect(compiled.status).toBe(0);
    const { status, output } = run('typescript-node10', 'out/main.js', []);
    expect(output).toMatch(/typescript-node10 consumer: ok \(SOC 0\.\d\d\)/);
    expect(status).toBe(0);
  }, 180_000);

  it('a TypeScript project type-checks the package and every README example under strict settings, skipLibCheck off', () => {
    expect(readmeTypeScriptExamples().length).toBeGreaterThan(0);
    const { status, output } = run('typescript', tool('typescript/bin/tsc'), ['-p', '.']);
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 180_000);
});
