/**
 * battsim's Node API: start emulators inside another project's tests and drive them without HTTP.
 *
 * ```ts
 * const sessy = await startSessy({ seed: 42 });           // manual clock, port 0
 * sessy.control.setState({ soc: 0.2, loadW: 800, pvW: 0 });
 * sessy.control.advance(90);                              // 90 simulated seconds
 * sessy.control.addFault({ type: 'error', status: 500, scope: { path: '/api/v1/energy/status', count: 1 } });
 * await sessy.close();
 * ```
 */
export { startSessy, describeSessy, type SessyStartOptions } from './runtime/start-sessy.ts';
export { startHomevolt, describeHomevolt, type HomevoltStartOptions } from './runtime/start-homevolt.ts';
export { startSessyMeter, describeSessyMeter, type SessyMeterStartOptions } from './runtime/start-sessy-meter.ts';
export { startSite, type RunningSite, type SiteStartOptions } from './runtime/site/start-site.ts';
export { parseSiteSpec, parseSiteText, type SiteSpec } from './runtime/site/site-spec.ts';
export type { SiteDevice } from './runtime/site/site-host.ts';
export { createSiteGridSource, DEFAULT_FORGET_AFTER_S, type GridPhaseReading, type GridReading, type GridSource, type MeterVariant, type SessyMeterDevice } from './devices/sessy-meter/index.ts';
export type { RunningEmulator, Credentials, SpeedOption } from './runtime/emulator.ts';
export type { SimClock } from './engine/sim-clock.ts';
export type { SimControl, ClockView, LoadedScenario } from './control/sim-control.ts';
export type { FaultSpec, FaultEffect, FaultScope, LatencySpec } from './control/fault-spec.ts';
export type { StatePatch } from './control/state-patch.ts';
export { parseScenario, type Scenario, type ScenarioEvent } from './control/scenario.ts';
export { startRecorder, startReplay, type RecorderOptions, type ReplayOptions } from './replay/index.ts';
export { createRedactor, redactExchange, type ExchangeToRedact, type RedactedExchange, type Redactor } from './replay/index.ts';
export { main } from './cli.ts';
export { BattsimError, ERROR_CATALOGUE, type ErrorCode } from './core/error-catalogue.ts';
