/**
 * Serialises like cJSON_Print, which the firmware uses for success bodies (docs/sessy.md §1.1, the raw capture in
 * ha-sessy#78): tab indentation, `"key":\tvalue`, arrays as `[a, b]`, integers with %d and other numbers with
 * %1.15g, or %1.17g when 15 digits do not read back to within DBL_EPSILON (so a float32 SOC widened to double prints
 * as 0.070000000298023224 but 0.850000023841858).
 * @see https://github.com/DaveGamble/cJSON/blob/master/cJSON.c (print_number, print_object, print_array)
 */
export type CJsonValue = string | number | boolean | null | readonly CJsonValue[] | { readonly [key: string]: CJsonValue };

export function cJsonPrint(value: CJsonValue): string {
  return print(value, 0, true);
}

export function cJsonPrintUnformatted(value: CJsonValue): string {
  return print(value, 0, false);
}

function print(value: CJsonValue, depth: number, fmt: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return cJsonNumber(value);
  if (typeof value === 'string') return cJsonString(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? (fmt ? ', ' : ',') : '') + print(value[i] as CJsonValue, depth, fmt);
    return `${out}]`;
  }
  const record = value as { readonly [key: string]: CJsonValue };
  const inner = fmt ? INDENT[depth + 1] ?? '\t'.repeat(depth + 1) : '';
  let out = fmt ? '{\n' : '{';
  let first = true;
  for (const key in record) {
    const item = `${cJsonString(key)}:${fmt ? '\t' : ''}${print(record[key] as CJsonValue, depth + 1, fmt)}`;
    out += fmt ? `${first ? '' : ',\n'}${inner}${item}` : `${first ? '' : ','}${item}`;
    first = false;
  }
  if (!fmt) return `${out}}`;
  return `${out}${first ? '' : '\n'}${INDENT[depth] ?? '\t'.repeat(depth)}}`;
}

/** Tab indents of the usual depths, made once. */
const INDENT = Array.from({ length: 8 }, (_, depth) => '\t'.repeat(depth));

export function cJsonNumber(d: number): string {
  if (!Number.isFinite(d)) return 'null';
  if (Number.isInteger(d) && d >= -2147483648 && d <= 2147483647) return String(d);
  // cJSON ≥ 1.7.8 reads the 15-digit text back and accepts it within a relative DBL_EPSILON (compare_double);
  // both captures (0.850000023841858 and 0.070000000298023224) fit that rule and no exact one.
  const short = formatG(d, 15);
  const back = Number(short);
  return Math.abs(back - d) <= Math.max(Math.abs(back), Math.abs(d)) * Number.EPSILON ? short : formatG(d, 17);
}

/** C's `%.{p}g`. */
export function formatG(x: number, p: number): string {
  if (x === 0) return '0';
  const [mantissa, expText] = x.toExponential(p - 1).split('e') as [string, string];
  const e = Number(expText);
  if (e < -4 || e >= p) {
    const m = stripZeros(mantissa);
    return `${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return stripZeros(x.toFixed(p - 1 - e));
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Characters cJSON escapes (print_string_ptr): quote, backslash and control characters. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

function cJsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 32) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
