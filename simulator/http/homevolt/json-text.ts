/**
 * Pieces of JSON text, printed exactly as JSON.stringify prints the same value, for payloads written as text in
 * the firmware's key order (render-ems.ts, render-sensors.ts).
 */

/** A number as JSON prints it: finite ones as JavaScript does (−0 as 0), NaN and ±Infinity as null. */
export function jsonNumber(x: number): number | 'null' {
  return Number.isFinite(x) ? x : 'null';
}

/** A string, quoted and escaped. */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

/** An array of strings. */
export function jsonStringArray(items: readonly string[]): string {
  return items.length === 0 ? '[]' : JSON.stringify(items);
}
