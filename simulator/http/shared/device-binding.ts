/**
 * One Fastify app, many devices. A device's own HTTP server (a real device has its own address) marks each request
 * with the device it reached before handing it to an app that serves every device of its kind, firmware and options;
 * the app's routes and hooks read the device from the request. Fastify's floor is some 150 KB of heap per instance
 * (its router, hooks, request and reply classes; bench/emulator-memory.ts), which a site of a thousand devices
 * otherwise pays a thousand times, and that every full collection of V8's heap then marks.
 *
 * An app built for one device (tests through inject(), which has no server of ours) gives a fallback: the device
 * of a request nobody marked.
 */
import type { IncomingMessage } from 'node:http';

const DEVICE = Symbol('battsim.device');
type Marked<B> = IncomingMessage & { [DEVICE]?: B };

/** Marks a request with the device whose server received it. */
export function bindRequest<B extends object>(req: IncomingMessage, binding: B): void {
  (req as Marked<B>)[DEVICE] = binding;
}

/**
 * The device a request is for: the one its server marked it with, else `fallback`. An app without a fallback serves
 * only marked requests: an unmarked one is a wiring error, thrown as such.
 */
export function bindingLookup<B extends object>(fallback: B | undefined): (req: IncomingMessage) => B {
  return (req) => {
    const bound = (req as Marked<B>)[DEVICE] ?? fallback;
    if (bound === undefined) throw new Error('Failed to find the device of a request: it did not come through a device server (bindRequest), and the app serves no device of its own.');
    return bound;
  };
}
