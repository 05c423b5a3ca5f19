import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractOutsideWorld, openHarWriter, parseHar, REPLAY_ERROR_CODES, ReplayError, startRecorder, startReplay, type ReplayErrorCode } from '../../simulator/replay/index.ts';
import { noMatchError } from '../../simulator/replay/replay-answer.ts';
import { createReplayClock } from '../../simulator/replay/replay-clock.ts';
import { fixtureHar } from './support/har-fixtures.ts';

const codes = Object.keys(REPLAY_ERROR_CODES) as ReplayErrorCode[];

/** One way to provoke each code: proof that no code in the catalogue is dead. */
const provoke: Record<ReplayErrorCode, () => unknown> = {
  REPLAY_ERR_BAD_OPTION: () => startRecorder({ target: 'ftp://device', out: 'x.har' }),
  REPLAY_ERR_INVALID_HAR: () => parseHar('{"log":{"version":"0.9","entries":[]}}'),
  REPLAY_ERR_EMPTY_HAR: () => startReplay({ recording: fixtureHar([]) }),
  REPLAY_ERR_WRITE_FAILED: () => openHarWriter('/nonexistent-dir/trace.har'),
  REPLAY_ERR_OUT_EXISTS: () => {
    const path = join(mkdtempSync(join(tmpdir(), 'battsim-errors-')), 'trace.har');
    writeFileSync(path, '{}');
    return openHarWriter(path);
  },
  REPLAY_ERR_READ_FAILED: () => startReplay({ recording: '/nonexistent-dir/trace.har' }),
  REPLAY_ERR_CLOCK_MODE: () => createReplayClock({ startMs: 0, speed: 1 }).advance(1000),
  REPLAY_ERR_NO_MATCH: () => {
    // Never thrown by the server: it is the body of the no-match answer (status 501 or 404).
    throw noMatchError({ method: 'GET', path: '/', query: '', body: '', hasAuth: false }, []);
  },
  REPLAY_ERR_NO_TELEMETRY: () => extractOutsideWorld(fixtureHar([{ atS: 0, path: '/ping', response: 'pong' }])),
};

describe('REPLAY_ERROR_CODES', () => {
  it('holds distinct REPLAY_ERR_ codes, each with its own one-line description', () => {
    for (const code of codes) {
      expect(code).toMatch(/^REPLAY_ERR_[A-Z_]+$/);
      expect(REPLAY_ERROR_CODES[code]).not.toMatch(/\n/);
    }
    expect(new Set(Object.values(REPLAY_ERROR_CODES)).size).toBe(codes.length);
  });

  it.each(codes)('%s is thrown as a ReplayError whose message says what failed and what to do', async (code) => {
    const error = await (async () => provoke[code]())().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).code).toBe(code);
    expect((error as ReplayError).message).toMatch(/^Failed to .+: .+\..+/);
  });
});
