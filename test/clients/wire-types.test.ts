import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateWireFiles, SCHEMAS_FILE, TYPES_FILE, WIRE_TARGETS } from '../../clients/generate-wire-types.ts';
import { findWireMismatch } from '../../clients/shared/validate.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('generated wire files', () => {
  it.each(WIRE_TARGETS.map((t) => [t.spec, t] as const))('match %s (run `npx tsx clients/generate-wire-types.ts` after changing a spec)', async (_name, target) => {
    const spec = join(ROOT, target.spec);
    expect(existsSync(spec)).toBe(true);
    const files = await generateWireFiles(readFileSync(spec, 'utf8'), target.spec);
    expect(readFileSync(join(ROOT, target.outDir, TYPES_FILE), 'utf8')).toBe(files.types);
    expect(readFileSync(join(ROOT, target.outDir, SCHEMAS_FILE), 'utf8')).toBe(files.schemas);
  });
});

describe('findWireMismatch', () => {
  const schema = {
    type: 'object',
    required: ['sessy'],
    properties: { sessy: { type: 'object', required: ['power'], properties: { power: { type: 'integer' }, list: { type: 'array', items: { type: 'string', enum: ['a'] } } } } },
  } as const;
  it.each([
    [{ sessy: { power: 1 } }, null],
    [{}, '$.sessy'],
    [{ sessy: { power: 1.5 } }, '$.sessy.power'],
    [{ sessy: { power: 1, list: ['a', 'b'] } }, '$.sessy.list[1]'],
    [{ sessy: { power: 1, extra: true } }, null],
  ])('names the JSON path of a mismatch in %j', (value, path) => {
    expect(findWireMismatch(schema, value)?.path ?? null).toBe(path);
  });
});
