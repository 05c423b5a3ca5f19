/** The 868 MHz side: nodes, node metrics and data, CT clamps, ecu_sense, mains data, hub status, pings, Wi-Fi scan. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HomevoltView } from '../../devices/homevolt/index.ts';
import { sendEspError } from './esp-errors.ts';
import type { RouteContext, RouteGroup } from './operations.ts';
import { intQuery } from './query.ts';
import { renderCtHistory } from './render-diagnostics.ts';
import { findCtNode, renderCt, renderEcuSense, renderMainsData, renderNodeData, renderNodeMetrics, renderNodes, renderWarpPing, renderWifiScan } from './render-nodes.ts';
import { renderEfrHubStatus } from './render-status.ts';

type NodeHandler = (v: HomevoltView, node: NonNullable<ReturnType<typeof findCtNode>>, ctx: RouteContext, request: FastifyRequest, reply: FastifyReply) => unknown;

/** Routes that take `node_id`: missing or malformed → 400, an unpaired node → 404. */
function byNode(handler: NodeHandler) {
  return (ctx: RouteContext, request: FastifyRequest, reply: FastifyReply): unknown => {
    const nodeId = intQuery(request, 'node_id', null, 0, 65535);
    const v = ctx.device.view();
    const node = findCtNode(v, nodeId);
    if (!node) return sendEspError(reply, 404, `Node ${nodeId} not found`);
    return handler(v, node, ctx, request, reply);
  };
}

export const nodeRoutes = {
  getNodes: { method: 'GET', url: '/nodes.json', handler: ({ device }) => renderNodes(device.view()) },
  getNodeMetrics: { method: 'GET', url: '/node_metrics.json', handler: byNode((v, n) => renderNodeMetrics(v, n.node)) },
  getNodeData: { method: 'GET', url: '/node_data.json', handler: byNode((v, n, _c, _r, reply) => reply.type('application/octet-stream').send(renderNodeData(v, n.fn))) },
  getCt: { method: 'GET', url: '/ct.json', handler: byNode((v, n) => renderCt(v, n.node, n.fn)) },
  getCtHistory: {
    method: 'GET',
    url: '/ct_history.json',
    handler: byNode((_v, n, { device }, request) => {
      const limit = intQuery(request, 'limit', 100, 1, 10_000);
      const fromS = intQuery(request, 'from', 0, 0, 4_102_444_800);
      const samples = device.emsHistory().filter((s) => s.tMs >= fromS * 1000);
      return renderCtHistory(samples.slice(Math.max(0, samples.length - limit)), n.fn);
    }),
  },
  getMainsData: { method: 'GET', url: '/mains_data.json', handler: ({ device }) => renderMainsData(device.view()) },
  getEfrHubStatus: { method: 'GET', url: '/efr_hub_status.json', handler: ({ device }) => renderEfrHubStatus(device.view()) },
  getEcuSense: { method: 'GET', url: '/ecu_sense.json', handler: ({ device }) => renderEcuSense(device.view()) },
  getWarpPing: { method: 'GET', url: '/warp_ping.json', handler: ({ device }) => renderWarpPing(device.view()) },
  getWifiScan: { method: 'GET', url: '/wifiscan.json', handler: ({ device }) => renderWifiScan(device.view()) },
} satisfies RouteGroup;
