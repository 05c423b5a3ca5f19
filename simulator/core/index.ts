/** The pure simulation core: no I/O, no timers, no wall clock, no unseeded randomness. */
export * from './actuator.ts';
export * from './battery-params.ts';
export * from './battery.ts';
export * from './battery-stepper.ts';
export * from './clock.ts';
export * from './errors.ts';
export * from './grid-code.ts';
export * from './grid-frequency.ts';
export * from './grid-voltage.ts';
export * from './household.ts';
export * from './local-time.ts';
export * from './meters.ts';
export * from './prices.ts';
export * from './pv.ts';
export * from './rng.ts';
export * from './site-config.ts';
export * from './site.ts';
