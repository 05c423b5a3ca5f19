/**
 * Issue 19: a recording that is missing or is not a HAR, and an --out that exists, each give one clear line on
 * stderr and a non-zero exit code, never a stack trace or a silently replaced recording.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/battsim.js', import.meta.url));

/** Runs `battsim args…` to its end. */
function run(args: readonly string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

const oneClearLine = (err: string): void => {
  expect(err.trim().split('\n')).toHaveLength(1);
  expect(err).toMatch(/^battsim: Failed to /);
  expect(err).not.toMatch(/\n\s+at |Error:/);
};

describe('issue 19: battsim record and replay refuse bad files clearly', () => {
  // Three CLI processes start in parallel; on a loaded 2-core machine each takes seconds to boot tsx.
  it('names a missing recording, a file that is not a HAR, and an existing --out, each in one line', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'battsim-cli-errors-'));
    const notHar = join(dir, 'notes.txt');
    writeFileSync(notHar, 'these are my notes, not a recording');
    const existing = join(dir, 'trace.har');
    writeFileSync(existing, '{"log":{"version":"1.2","entries":["keep me"]}}');
    const [missing, text, exists] = await Promise.all([
      run(['replay', join(dir, 'missing.har'), '--port', '0']),
      run(['replay', notHar, '--port', '0']),
      run(['record', '--target', 'http://127.0.0.1:9', '--out', existing, '--port', '0']),
    ]);
    expect(missing.code).toBe(1);
    oneClearLine(missing.err);
    expect(missing.err).toContain('missing.har: there is no such file');
    expect(text.code).toBe(1);
    oneClearLine(text.err);
    expect(text.err).toMatch(/notes\.txt: it is not JSON/);
    expect(exists.code).toBe(1);
    oneClearLine(exists.err);
    expect(exists.err).toMatch(/trace\.har: the file already exists\. Add --append .*--force/);
    expect(readFileSync(existing, 'utf8')).toContain('keep me');
  });
});
