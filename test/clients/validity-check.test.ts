/**
 * The generated yes/no check (validity-check.ts) and Ajv, which names a mismatch (schema-mismatch.ts), must agree on
 * every value, or a client would accept a wrong answer or fail to say what is wrong with it. Checked on the
 * emulators' real answers to every GET without parameters, and on 6,000 seeded mutations of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIRE_OPERATIONS as HOMEVOLT_OPERATIONS } from '../../clients/homevolt/wire-schemas.generated.ts';
import { WIRE_OPERATIONS as SESSY_OPERATIONS } from '../../clients/sessy/wire-schemas.generated.ts';
import { nameSchemaMismatches, type JsonSchema } from '../../clients/shared/schema-mismatch.ts';
import { findWireMismatch, type WireSchema } from '../../clients/shared/validate.ts';
import { compileValidityCheck } from '../../clients/shared/validity-check.ts';
import { createRandomStream } from '../../simulator/core/index.ts';
import type { RunningEmulator } from '../../simulator/runtime/emulator.ts';
import { startHomevolt } from '../../simulator/runtime/start-homevolt.ts';
import { startSessy } from '../../simulator/runtime/start-sessy.ts';

const emulators: RunningEmulator[] = [];
beforeAll(async () => {
  emulators.push(await startSessy({ seed: 11 }), await startHomevolt({ seed: 11, units: 2 }));
  for (const em of emulators) em.runner.advance(13 * 3600);
});
afterAll(async () => {
  for (const em of emulators) await em.close();
});

/** Decoded answers of every parameterless GET with a JSON schema, with the schema. */
async function realAnswers(em: RunningEmulator, operations: Record<string, { method: string; path: string; schema: WireSchema | null; mediaType: string | null }>) {
  const auth: Record<string, string> = em.credentials ? { authorization: `Basic ${Buffer.from(`${em.credentials.user}:${em.credentials.password}`).toString('base64')}` } : {};
  const out: { id: string; schema: WireSchema; value: unknown }[] = [];
  for (const [id, op] of Object.entries(operations)) {
    if (op.method !== 'GET' || op.path.includes('{') || op.schema === null || op.mediaType !== 'application/json') continue;
    const res = await fetch(`${em.url}${op.path}`, { headers: auth });
    if (res.status !== 200) continue;
    out.push({ id, schema: op.schema, value: JSON.parse(await res.text()) as unknown });
  }
  return out;
}

/** Every container's paths in a decoded value. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) paths(child, [...at, Array.isArray(value) ? Number(key) : key], out);
  }
  return out;
}

/** Ajv's first mismatch, or null: what names a mismatch, and what the generated check is compared with. */
const ajvMismatch = (schema: WireSchema, value: unknown) => nameSchemaMismatches(schema as unknown as JsonSchema, value)[0] ?? null;

const REPLACEMENTS: unknown[] = [null, '', 'x', '12', 0, -1, 1.5, -1e12, 1e12, true, false, [], [1, 'a'], {}, { constructor: 1 }];

/** A copy of `value` with one seeded change: a value replaced, a key removed, or an extra key added. */
function mutate(value: unknown, rng: { next(): number }): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const all = paths(copy);
  const target = all[Math.floor(rng.next() * all.length)]!;
  const pick = REPLACEMENTS[Math.floor(rng.next() * REPLACEMENTS.length)];
  if (target.length === 0) return pick;
  let parent = copy as Record<string | number, unknown>;
  for (const key of target.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = target.at(-1)!;
  const roll = rng.next();
  if (roll < 0.6) parent[last] = pick;
  else if (roll < 0.8 && !Array.isArray(parent)) delete parent[last];
  else if (!Array.isArray(parent)) parent[['extra', 'constructor', '__proto__', 'toString'][Math.floor(rng.next() * 4)]!] = pick;
  return JSON.parse(JSON.stringify(copy)) as unknown;
}

describe('the generated validity check', () => {
  it('accepts every real answer of both emulators, as Ajv does', async () => {
    const answers = [...(await realAnswers(emulators[0]!, SESSY_OPERATIONS)), ...(await realAnswers(emulators[1]!, HOMEVOLT_OPERATIONS))];
    expect(answers.length).toBeGreaterThan(10);
    for (const { id, schema, value } of answers) {
      expect([id, ajvMismatch(schema, value)]).toEqual([id, null]);
      expect([id, compileValidityCheck(schema)!(value)]).toEqual([id, true]);
    }
  });

  it('agrees with Ajv on 6,000 seeded mutations of them, rejecting what Ajv names', async () => {
    const answers = [...(await realAnswers(emulators[0]!, SESSY_OPERATIONS)), ...(await realAnswers(emulators[1]!, HOMEVOLT_OPERATIONS))];
    const rng = createRandomStream(2026, 'validity-check-test');
    const checks = new Map(answers.map(({ schema }) => [schema, compileValidityCheck(schema)!] as const));
    let rejected = 0;
    for (let i = 0; i < 6000; i++) {
      const { id, schema, value } = answers[i % answers.length]!;
      const mutated = mutate(value, rng);
      const walked = ajvMismatch(schema, mutated);
      const checked = checks.get(schema)!(mutated);
      if (checked !== (walked === null)) expect.fail(`${id}: check says ${checked}, Ajv says ${JSON.stringify(walked)} for ${JSON.stringify(mutated).slice(0, 200)}`);
      if (!checked) {
        rejected++;
        expect(findWireMismatch(schema, mutated)).not.toBeNull();
      }
    }
    // The mutations must exercise both answers, or agreement would prove little.
    expect(rejected).toBeGreaterThan(1500);
    expect(rejected).toBeLessThan(5700);
  });

  it('reads a key that Object.prototype also has only when the answer has it', () => {
    const schema: WireSchema = { type: 'object', properties: { constructor: { type: 'integer' }, toString: { type: 'string' } } as Record<string, WireSchema> };
    const check = compileValidityCheck(schema)!;
    expect(check(JSON.parse('{}'))).toBe(true);
    expect(check(JSON.parse('{"constructor":3}'))).toBe(true);
    expect(check(JSON.parse('{"constructor":"3"}'))).toBe(false);
    expect(check(JSON.parse('{"toString":1}'))).toBe(false);
  });

  it('loads Ajv only for the first answer the generated check rejects', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = [
      "import { createRequire } from 'node:module';",
      "import { findWireMismatch } from './clients/index.ts';",
      "const ajvLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => /[\\\\/]node_modules[\\\\/]ajv[\\\\/]/.test(file));",
      "const schema = { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } };",
      'const before = ajvLoaded();',
      'const valid = findWireMismatch(schema, { a: 1 });',
      'const afterValid = ajvLoaded();',
      "const mismatch = findWireMismatch(schema, { a: 'x' });",
      'console.log(JSON.stringify([before, valid, afterValid, mismatch, ajvLoaded()]));',
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout.trim().split('\n').at(-1)!)).toEqual([false, null, false, { path: '$.a', message: 'expected integer, got "x"' }, true]);
  });

  it('names the reason, rather than accepting answers unchecked, where the process forbids generating code', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = [
      "import { findWireMismatch } from './clients/shared/validate.ts';",
      "const schema = { type: 'object', required: ['a'], properties: { a: { type: 'integer' } } };",
      "console.log(JSON.stringify([findWireMismatch(schema, { a: 1 }), findWireMismatch(schema, { a: 'x' })]));",
    ].join('\n');
    const child = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const cannot = { path: '$', message: expect.stringContaining('cannot be checked, because this process forbids generating code') };
    expect(JSON.parse(child.stdout.trim().split('\n').at(-1)!)).toEqual([cannot, cannot]);
  });
});
