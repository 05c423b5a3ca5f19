/**
 * The common tail of starting an emulator over HTTP: listen, advertise over mDNS if asked (closing the app when
 * that fails), start the runner, and hand back the running emulator. startSessy, startSessyMeter and startHomevolt
 * end here.
 */
import type { FastifyInstance } from 'fastify';
import type { ListeningServer } from '../http/shared/device-server.ts';
import type { MdnsAdvertisement } from '../devices/mdns-advertisement.ts';
import type { SimulatedDevice } from '../devices/simulated-device.ts';
import type { Credentials } from '../http/shared/credentials.ts';
import type { RunningEmulator } from './emulator.ts';
import { publishMdns, type MdnsPublication } from './mdns-responder.ts';
import type { SimulationHost } from './simulation-host.ts';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly credentials: Credentials | null;
  readonly startMs: number;
  readonly seed: number;
  /** 'https' when the app serves TLS (Homevolt's --https); default 'http'. */
  readonly scheme?: 'http' | 'https';
  /** What to advertise on the port the app got; undefined: no mDNS. */
  readonly advertise?: (port: number) => MdnsAdvertisement;
}

/** Starts listening on host:port: a device's server in front of its kind's app, or an app of one device. */
export type Listen = (port: number, host: string) => Promise<ListeningServer>;

/** Listen for an app of one device, on the app's own server. */
export function listenOwnServer(app: FastifyInstance): Listen {
  return async (port, host) => {
    await app.listen({ port, host });
    const address = app.server.address();
    return { port: typeof address === 'object' && address ? address.port : port, close: () => app.close() };
  };
}

export async function serveEmulator<D extends SimulatedDevice>(listen: Listen, sim: SimulationHost, o: ServeOptions): Promise<RunningEmulator<D>> {
  const { clock, runner, control, access } = sim;
  const server = await listen(o.port, o.host);
  const { port } = server;
  let mdns: MdnsPublication | null = null;
  if (o.advertise) {
    try {
      mdns = await publishMdns(o.advertise(port), o.host);
    } catch (e) {
      await server.close();
      throw e;
    }
  }
  runner.start();
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `${o.scheme ?? 'http'}://${host}:${port}`,
    credentials: o.credentials,
    mdns: mdns === null ? null : { fqdn: mdns.fqdn, hostname: mdns.hostname },
    clock,
    get device() {
      return runner.device as D;
    },
    runner,
    control,
    controlPlane: !access.enabled ? 'off' : access.token === null ? 'open' : 'token',
    startMs: o.startMs,
    seed: o.seed,
    async close() {
      runner.stop();
      await mdns?.close();
      await server.close();
    },
  };
}
