/** Errors of the runtime layer: options, clocks, listening. Defined in core (the engine's clocks throw them too). */
export { RuntimeError } from '../core/errors.ts';
