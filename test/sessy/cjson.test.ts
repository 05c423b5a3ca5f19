import { describe, expect, it } from 'vitest';
import { cJsonNumber, cJsonPrint } from '../../simulator/http/sessy/index.ts';

describe('cJSON printing', () => {
  it.each([
    [Math.fround(0.07), '0.070000000298023224'], // ha-sessy#78 capture
    [Math.fround(0.85), '0.850000023841858'], // nl.sessy capture
    [0, '0'],
    [1, '1'],
    [-2036, '-2036'],
    [0.5, '0.5'],
    [0.769141137599945, '0.769141137599945'],
    [1e-7, '1e-07'],
  ])('prints %d as %s', (value, text) => {
    expect(cJsonNumber(value)).toBe(text);
  });

  it('prints objects with tabs and arrays inline, as cJSON_Print does', () => {
    expect(cJsonPrint({ status: 'ok', sessy: { power: -2036, ok: true }, a: [1, 2] })).toBe('{\n\t"status":\t"ok",\n\t"sessy":\t{\n\t\t"power":\t-2036,\n\t\t"ok":\ttrue\n\t},\n\t"a":\t[1, 2]\n}');
  });

  it('escapes control characters and quotes', () => {
    expect(cJsonPrint({ s: 'a"b\\\n\u0001' })).toBe('{\n\t"s":\t"a\\"b\\\\\\n\\u0001"\n}');
  });
});
