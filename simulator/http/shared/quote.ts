/**
 * What an error message may quote of a value it rejects: at most a short prefix, so a hostile request cannot
 * make an answer (or a log line) as large as itself (docs/http-errors.md §Limits).
 */

/** Longest part of a rejected value an error message quotes [characters]. */
export const QUOTE_LIMIT = 32;

/** The value itself when short; else its first QUOTE_LIMIT characters and "...". */
export function quotePrefix(value: string): string {
  return value.length <= QUOTE_LIMIT ? value : `${value.slice(0, QUOTE_LIMIT)}...`;
}
