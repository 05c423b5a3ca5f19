/** Captive-portal probes, answered without authentication (docs/homevolt.md §2): 204, and 302 for /redirect. */
import type { RouteGroup } from './operations.ts';

const noContent = { method: 'GET', open: true, handler: (_c: unknown, _r: unknown, reply: { code(n: number): { send(): unknown } }) => reply.code(204).send() } as const;

export const portalRoutes = {
  captiveGenerate204: { ...noContent, url: '/generate_204*' },
  captiveHotspotDetect: { ...noContent, url: '/hotspot-detect.html' },
  captiveConnectTest: { ...noContent, url: '/connecttest.txt' },
  captiveNcsi: { ...noContent, url: '/ncsi.txt' },
  // The portal sends the phone to the device's own page: the address the client reached it at (the Host header),
  // never the simulated Wi-Fi address, which no test may contact.
  captiveRedirect: { method: 'GET', url: '/redirect', open: true, handler: (_ctx, request, reply) => reply.code(302).header('Location', `http://${request.headers.host ?? '127.0.0.1'}/`).send() },
} satisfies RouteGroup;
