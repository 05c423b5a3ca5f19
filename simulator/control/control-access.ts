/**
 * Who may use the control plane. It changes the device at will, so it is on by default only on loopback;
 * on any other address it needs a token, and without one the emulator refuses to start.
 */
import { BattsimError } from '../core/index.ts';

export type ControlAccess = { readonly enabled: false } | { readonly enabled: true; readonly token: string | null };

export class ControlAccessError extends BattsimError<'RUNTIME_ERR_UNSAFE_BIND'> {
  override readonly name = 'ControlAccessError';
  constructor(message: string) {
    super('RUNTIME_ERR_UNSAFE_BIND', message);
  }
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export function resolveControlAccess(host: string, options: { readonly control?: boolean; readonly controlToken?: string }): ControlAccess {
  if (options.control === false) return { enabled: false };
  const token = options.controlToken ?? null;
  if (token !== null && token.length < 8) {
    throw new ControlAccessError('Failed to start: --control-token must be at least 8 characters, so that it cannot be guessed.');
  }
  if (token === null && !isLoopback(host)) {
    throw new ControlAccessError(
      `Failed to start: the simulation control (/_sim/) would be reachable on ${host} without a token. Pass --control-token <secret> to protect it, --no-control to switch it off, or listen on 127.0.0.1.`,
    );
  }
  return { enabled: true, token };
}
