/**
 * battsim's clients, for integrations to use or copy: typed HTTP clients for the Sessy and Homevolt local APIs,
 * one `Battery` interface over both, and control code. Clients never import the simulator.
 *
 * Units and signs, the same everywhere here: SI (W, Wh, V, A, Hz, °C, SOC as a fraction 0..1);
 * battery power + = discharge (to the house or grid), − = charge; grid power + = import, − = export.
 * Each normalised reading keeps the device's untouched answer in `wire`.
 */
export type { Battery, PowerLimits, ReadsGridPower, ReadsLimits, ReadsPower, ReadsSoc, AcceptsPowerSetpoint, ReleasesControl } from './battery.ts';
export type { ClientErrorKind } from './shared/client-error.ts';
export { DeviceClientError } from './shared/client-error.ts';
export type { ClientCredentials, ClientOptions } from './shared/options.ts';
export { TRANSPORT_DEFAULTS, type FetchLike, type FetchResponseLike } from './shared/transport.ts';
export { createSimGridMeter, type SimGridMeterOptions } from './shared/sim-grid-meter.ts';
export { createKeepAliveFetch, KEEP_ALIVE_FETCH_DEFAULTS, type KeepAliveFetch, type KeepAliveFetchOptions } from './shared/keep-alive-fetch.ts';
export { findWireMismatch, type WireMismatch, type WireSchema } from './shared/validate.ts';
export * as sessy from './sessy/index.ts';
export * as homevolt from './homevolt/index.ts';
export * as control from './control/index.ts';
