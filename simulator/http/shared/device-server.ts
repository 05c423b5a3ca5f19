/**
 * A device's own HTTP server in front of an app that serves many devices (device-binding.ts): it marks every
 * request with its device and hands it to the app's router, behind the same ESP-IDF server behaviour (esp-httpd.ts)
 * and connection limit an app of one device has on its own server. A real device has its own address; the app's
 * routes, hooks and classes are built once for all of them.
 */
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { limitConnections, type FaultBinding } from '../control/fault-hooks.ts';
import { bindRequest } from './device-binding.ts';
import { espHttpServerOptions, installEspServer, type EspServerOptions } from './esp-httpd.ts';

/** A server listening: the port it got, and how to stop it. */
export interface ListeningServer {
  readonly port: number;
  /** Stops listening and closes every connection, as a Fastify app with forceCloseConnections does. */
  close(): Promise<void>;
}

/** An app serving many devices (ready, never listening itself), and what it releases when one of them stops. */
export interface DeviceApp<B> {
  readonly app: FastifyInstance;
  release(binding: B): Promise<void>;
}

/** Serves `binding` through its kind's app on a server of its own, listening on host:port. */
export async function listenAsDevice<B extends FaultBinding>({ app, release }: DeviceApp<B>, binding: B, options: EspServerOptions & { readonly port: number; readonly host: string }): Promise<ListeningServer> {
  const server: Server = createServer(espHttpServerOptions(options));
  server.on('request', (req, res) => {
    bindRequest(req, binding);
    app.routing(req, res);
  });
  installEspServer(server, options);
  limitConnections(server, binding);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  // The line Fastify writes when an app listens on its own server.
  app.log.info(`Server listening at http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`);
  return {
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await release(binding);
    },
  };
}
