/** Control: /schedule.json, GET and POST /params.json (form k, v, store), POST /console.json (form cmd). */
import { HomevoltError, runConsoleCommand } from '../../devices/homevolt/index.ts';
import { quotePrefix } from '../shared/quote.ts';
import { sendEspError } from './esp-errors.ts';
import { parseForm } from './forms.ts';
import type { RouteGroup } from './operations.ts';
import { renderParams, renderSchedule } from './render-control.ts';

/** Longest console line the emulator takes [characters]; the ESP console's line buffer is of this order. */
const MAX_CMD_LENGTH = 1024;

export const controlRoutes = {
  getSchedule: { method: 'GET', url: '/schedule.json', handler: ({ device }) => renderSchedule(device.view()) },
  getParams: { method: 'GET', url: '/params.json', handler: ({ device }) => renderParams(device.params.list()) },
  setParam: {
    method: 'POST',
    url: '/params.json',
    handler: ({ device, contentType }, request, reply) => {
      const form = parseForm(contentType, bodyOf(request.body));
      const k = form?.get('k');
      const v = form?.get('v');
      const store = form?.get('store') ?? '0';
      if (!form || !k || v === undefined) return sendEspError(reply, 400, 'Missing parameter: k and v are required');
      if (store !== '0' && store !== '1') return sendEspError(reply, 400, `Invalid store '${quotePrefix(store)}': expected 0 or 1`);
      try {
        const before = device.params.get(k)[0];
        device.params.set(k, [v], store === '1');
        if (k === 'settings_local' && before !== device.params.get(k)[0]) device.event('info', 'ecu', `Local mode ${device.params.getBool(k) ? 'enabled' : 'disabled'}`);
      } catch (e) {
        if (!(e instanceof HomevoltError)) throw e;
        return sendEspError(reply, 400, e.code === 'HOMEVOLT_ERR_UNKNOWN_PARAM' ? `Invalid parameter '${quotePrefix(k)}'` : `Invalid value '${quotePrefix(v)}' for parameter '${k}'`);
      }
      return reply.type('text/plain').send(`Saved parameter k: '${k}' v: '${v}'`);
    },
  },
  runConsole: {
    method: 'POST',
    url: '/console.json',
    handler: ({ device, contentType }, request, reply) => {
      const form = parseForm(contentType, bodyOf(request.body));
      const cmd = form?.get('cmd');
      // The docs' 400 "invalid command" for a request without a usable cmd field.
      if (!form || cmd === undefined || cmd.trim() === '' || cmd.length > MAX_CMD_LENGTH) return sendEspError(reply, 400, 'Invalid command');
      return reply.type('text/plain').send(runConsoleCommand(device, cmd).text);
    },
  },
} satisfies RouteGroup;

export function bodyOf(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}
