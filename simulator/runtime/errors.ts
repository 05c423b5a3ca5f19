/** Errors of the runtime layer: options, clocks, listening. Defined in core (the engine's clocks throw them too). */
export { RUNTIME_ERROR_CODES, RuntimeError, type RuntimeErrorCode } from '../core/errors.ts';
