/**
 * The pytest example (examples/pytest/) run with the machine's python3, as a Home Assistant developer runs it:
 * battsim as a subprocess, found through its --ready-json line, its clock advanced through /_sim/. Here battsim
 * runs from the sources (BATTSIM_COMMAND); without pytest the same checks run under unittest; without python3
 * the test says it skipped and why.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/battsim-process.ts';

const EXAMPLE = join(REPO_ROOT, 'examples', 'pytest');
const has = (args: string[]) => spawnSync('python3', args, { encoding: 'utf8' }).status === 0;
const python = has(['--version']);
const pytest = python && has(['-m', 'pytest', '--version']);
const env = {
  ...process.env,
  BATTSIM_COMMAND: JSON.stringify([process.execPath, '--import', 'tsx', join(REPO_ROOT, 'test', 'support', 'battsim-cli.ts')]),
  PYTHONDONTWRITEBYTECODE: '1',
};

describe('examples/pytest', () => {
  if (!python) {
    it.skip('skipped: python3 is not installed on this machine, so the pytest example cannot run', () => {});
    console.warn('examples/pytest skipped: python3 is not installed on this machine.');
    return;
  }

  it(`passes under ${pytest ? 'pytest' : 'unittest (pytest is not installed)'}`, () => {
    const args = pytest ? ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', EXAMPLE] : ['-m', 'unittest', 'discover', '-v', '-s', EXAMPLE];
    const result = spawnSync('python3', args, { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 170_000 });
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toMatch(pytest ? /3 passed/ : /OK/);
    expect(result.status, output).toBe(0);
  }, 180_000);
});
