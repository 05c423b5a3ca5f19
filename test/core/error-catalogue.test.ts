import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../simulator/cli-args.ts';
import { ControlAccessError } from '../../simulator/control/control-access.ts';
import { FaultSpecError } from '../../simulator/control/fault-spec.ts';
import { FrequencyActionError } from '../../simulator/control/frequency-action.ts';
import { InputLimitError } from '../../simulator/control/input-limits.ts';
import { ScenarioError } from '../../simulator/control/scenario.ts';
import { SimControlError } from '../../simulator/control/sim-control.ts';
import { StatePatchError } from '../../simulator/control/state-patch.ts';
import { BattsimError, ERROR_CATALOGUE, type ErrorCode, RUNTIME_ERROR_CODES, RuntimeError, SIM_ERROR_CODES, SimError } from '../../simulator/core/index.ts';
import { HOMEVOLT_ERROR_CODES, HomevoltError } from '../../simulator/devices/homevolt/index.ts';
import { SESSY_ERROR_CODES, SessyError } from '../../simulator/devices/sessy/index.ts';
import { REPLAY_ERROR_CODES, ReplayError } from '../../simulator/replay/index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The prefixes of the simulator's own codes (clients and contracts keep their own catalogues). */
const CODE = /\b(?:SIM|RUNTIME|CLI|SESSY|HOMEVOLT|REPLAY)_ERR_[A-Z_]+\b/g;

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every code written anywhere in the simulator's source, its API descriptions and its docs. */
function codesInUse(): Map<string, string> {
  const where = new Map<string, string>();
  const files = [...filesUnder('simulator', '.ts'), ...filesUnder('openapi', '.yaml'), ...filesUnder('docs', '.md'), join(ROOT, 'README.md')];
  for (const file of files) for (const [code] of readFileSync(file, 'utf8').matchAll(CODE)) if (!where.has(code)) where.set(code, file.slice(ROOT.length + 1));
  return where;
}

/** The rows of docs/errors.md: code → status. */
function documented(): Map<string, number> {
  const rows = new Map<string, number>();
  for (const [, code, status] of readFileSync(join(ROOT, 'docs/errors.md'), 'utf8').matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)) rows.set(code!, Number(status));
  return rows;
}

describe('the error catalogue (simulator/core/error-catalogue.ts)', () => {
  it('holds every error code the source, the API descriptions and the docs use', () => {
    const missing = [...codesInUse()].filter(([code]) => !(code in ERROR_CATALOGUE)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('is documented in docs/errors.md, row for row, with the same status', () => {
    const rows = documented();
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [code, entry.statusCode])));
  });

  it('gives each code an HTTP error status and its own one-line meaning', () => {
    const entries = Object.entries(ERROR_CATALOGUE);
    for (const [, { statusCode, meaning }] of entries) {
      expect(statusCode).toBeGreaterThanOrEqual(400);
      expect(statusCode).toBeLessThan(600);
      expect(meaning.length).toBeGreaterThan(10);
      expect(meaning).not.toMatch(/\n/);
    }
    expect(new Set(entries.map(([, e]) => e.meaning)).size).toBe(entries.length);
  });

  it('is the source of every area’s list of codes', () => {
    for (const area of [SIM_ERROR_CODES, RUNTIME_ERROR_CODES, SESSY_ERROR_CODES, HOMEVOLT_ERROR_CODES, REPLAY_ERROR_CODES]) {
      for (const [code, meaning] of Object.entries(area)) expect(meaning).toBe(ERROR_CATALOGUE[code as ErrorCode].meaning);
    }
  });

  it.each([
    ['SimError', new SimError('SIM_ERR_TIME_BACKWARDS', 'm'), 'SIM_ERR_TIME_BACKWARDS'],
    ['RuntimeError', new RuntimeError('RUNTIME_ERR_CLOCK_MODE', 'm'), 'RUNTIME_ERR_CLOCK_MODE'],
    ['SimControlError', new SimControlError('SIM_ERR_NOT_FOUND', 'm'), 'SIM_ERR_NOT_FOUND'],
    ['StatePatchError', new StatePatchError('m'), 'SIM_ERR_INVALID_STATE'],
    ['FaultSpecError', new FaultSpecError('m'), 'SIM_ERR_INVALID_FAULT'],
    ['ScenarioError', new ScenarioError('m'), 'SIM_ERR_INVALID_SCENARIO'],
    ['InputLimitError', new InputLimitError('m'), 'SIM_ERR_INPUT_LIMIT'],
    ['FrequencyActionError', new FrequencyActionError('m'), 'SIM_ERR_INVALID_EVENT'],
    ['ControlAccessError', new ControlAccessError('m'), 'RUNTIME_ERR_UNSAFE_BIND'],
    ['CliUsageError', new CliUsageError('m'), 'CLI_ERR_USAGE'],
    ['SessyError', new SessyError('SESSY_ERR_BAD_OPTION', 'm'), 'SESSY_ERR_BAD_OPTION'],
    ['HomevoltError', new HomevoltError('HOMEVOLT_ERR_SPIFFS_FULL', 'm'), 'HOMEVOLT_ERR_SPIFFS_FULL'],
    ['ReplayError', new ReplayError('REPLAY_ERR_NO_MATCH', 'm'), 'REPLAY_ERR_NO_MATCH'],
  ] as const)('%s carries its code and the catalogue’s statusCode', (name, error, code) => {
    expect(error).toBeInstanceOf(BattsimError);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.statusCode).toBe(ERROR_CATALOGUE[code].statusCode);
  });
});
