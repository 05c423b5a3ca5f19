/**
 * What a client sees when the device failed to answer, in the recorder and again in the replay. Pure.
 *
 * Decision: a reset stays a reset (the client's socket is reset, as the device's was), because clients such
 * as Omnibattery retry exactly on that (docs/sessy.md §1.1). A timeout becomes 504 and any other socket error
 * (refused, unreachable, DNS) 502, with a JSON body naming the error: a proxy has to answer eventually, and
 * keeping the client waiting for its own timeout would make a recording session crawl. The HAR entry records
 * the failure itself (status 0, `_error`), not this answer.
 */
export type FailureAnswer =
  | { readonly kind: 'reset' }
  | { readonly kind: 'respond'; readonly status: number; readonly statusText: string; readonly body: string };

const RESETS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export function failureAnswer(error: string): FailureAnswer {
  if (RESETS.has(error)) return { kind: 'reset' };
  if (error === 'timeout') {
    return { kind: 'respond', status: 504, statusText: 'Gateway Timeout', body: JSON.stringify({ error: 'timeout', message: 'The device did not answer in time.' }) };
  }
  return { kind: 'respond', status: 502, statusText: 'Bad Gateway', body: JSON.stringify({ error, message: `The device could not be reached (${error}).` }) };
}

/** Hop-by-hop headers (RFC 9110 §7.6.1) that a proxy or a replay must not copy; framing is its own. */
export const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization']);
