/** Record and replay of device traffic: what the CLI and tests may use. */
export { startRecorder, type RunningRecorder } from './recorder.ts';
export type { RecorderOptions } from './recorder-options.ts';
export { startReplay, type RunningReplay } from './replay-server.ts';
export type { ReplayOptions, ReplayAuth } from './replay-options.ts';
export type { ReplayMode } from './matcher.ts';
export type { ReplaySpeed, ReplayClock } from './replay-clock.ts';
export { createMatcher, nearestIndex, type Matcher, type MatchResult } from './matcher.ts';
export { shapeOfEntry, shapeOfRequest, keyOf, canonicalBody, type RequestShape } from './request-shape.ts';
export { closestRequests, editDistance, type ClosestRequest } from './closest.ts';
export { createRedactor, type Redactor, type RedactorOptions } from './redact.ts';
export { createPlaceholderRegistry, type PlaceholderCategory, type PlaceholderRegistry } from './placeholders.ts';
export { buildHarEntry, buildEmptyHar, type Exchange } from './har-entry.ts';
export { openHarWriter, type HarWriter } from './har-writer.ts';
export { parseHar, entryTimeMs } from './har-read.ts';
export { failureAnswer } from './failure-answer.ts';
export { REPLAY_ERROR_CODES, ReplayError, type ReplayErrorCode } from './errors.ts';
export type * from './har-types.ts';
export { extractOutsideWorld, sampleAt, GRID_MATCH_WINDOW_MS, type OutsideWorld, type OutsideWorldSample } from './telemetry.ts';
