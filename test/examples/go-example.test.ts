/**
 * The Go example (examples/go/) run with the machine's Go toolchain, as an evcc developer runs it: `go test` starts
 * battsim as a subprocess, reads its --ready-json line, drives the dongle and the clock. Here battsim runs from the
 * sources (BATTSIM_COMMAND). .ci/run installs Go where it is missing; elsewhere, without Go, the test says it skipped
 * and why.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/battsim-process.ts';

const EXAMPLE = join(REPO_ROOT, 'examples', 'go');
const go = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;

describe('examples/go', () => {
  if (!go) {
    it.skip('skipped: Go is not installed on this machine, so the Go example cannot run', () => {});
    console.warn('examples/go skipped: Go is not installed on this machine.');
    return;
  }

  it('passes under go test', () => {
    const env = {
      ...process.env,
      BATTSIM_COMMAND: JSON.stringify([process.execPath, '--import', 'tsx', join(REPO_ROOT, 'test', 'support', 'battsim-cli.ts')]),
      // Never a cached test result: battsim's code is not Go's to track. The installed toolchain, never a download.
      GOFLAGS: '-count=1',
      GOTOOLCHAIN: 'local',
    };
    const result = spawnSync('go', ['test', './...'], { cwd: EXAMPLE, env, encoding: 'utf8', timeout: 170_000 });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(/^ok\s+example\.com\/battsim-example/m);
  }, 180_000);
});
