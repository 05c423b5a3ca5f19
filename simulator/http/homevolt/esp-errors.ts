/**
 * The device's error answers. Its web server is ESP-IDF's esp_http_server, whose httpd_resp_send_err()
 * sends these status lines and texts as text/html [INFER: esp_http_server httpd_txrx.c defaults; no
 * Homevolt error body is captured]. 429, 503 and 507 are the statuses the docs and users report.
 */
import type { FastifyReply } from 'fastify';
import type { WireError } from '../control/fault-hooks.ts';

export const ESP_ERROR_TEXT = {
  400: 'Bad request syntax',
  401: 'No permission -- see authorization schemes',
  404: 'Nothing matches the given URI',
  405: 'Specified method is invalid for this resource',
  429: 'Too many failed login attempts, try again later',
  500: 'Server has encountered an unexpected error',
  503: 'System is starting up or updating, try again after 30 seconds',
  505: 'HTTP version not supported by server',
  507: 'Insufficient storage',
} as const;

export type EspStatus = keyof typeof ESP_ERROR_TEXT;

export function sendEspError(reply: FastifyReply, status: EspStatus, text: string = ESP_ERROR_TEXT[status]): FastifyReply {
  if (status === 505) reply.raw.statusMessage = 'Version Not Supported';
  return reply.code(status).type('text/html').send(text);
}

/** The device's answer for an error status a fault injects (the same ESP-IDF texts; others get the 500 text). */
export function renderHomevoltError(status: number): WireError {
  const text = (ESP_ERROR_TEXT as Record<number, string>)[status] ?? ESP_ERROR_TEXT[500];
  return { statusCode: status, headers: { 'content-type': 'text/html' }, body: text };
}
