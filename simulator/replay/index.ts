/** Record and replay of device traffic: what the CLI and tests may use. */
export { startRecorder, type RunningRecorder } from './recorder.ts';
export type { RecorderOptions } from './recorder-options.ts';
export { startReplay } from './replay-server.ts';
export type { ReplayOptions } from './replay-options.ts';
export { createMatcher, nearestIndex, type MatchResult } from './matcher.ts';
export { shapeOfEntry, shapeOfRequest, keyOf } from './request-shape.ts';
export { createRedactor, type Redactor } from './redact.ts';
export { redactExchange, type ExchangeToRedact, type RedactedExchange } from './redact-exchange.ts';
export { createPlaceholderRegistry } from './placeholders.ts';
export { buildHarEntry } from './har-entry.ts';
export { openHarWriter } from './har-writer.ts';
export { parseHar } from './har-read.ts';
export { REPLAY_ERROR_CODES, ReplayError, type ReplayErrorCode } from './errors.ts';
export type * from './har-types.ts';
export { extractOutsideWorld, sampleAt, type OutsideWorld } from './telemetry.ts';
