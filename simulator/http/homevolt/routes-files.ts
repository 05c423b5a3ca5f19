/**
 * SPIFFS and OTA: GET /spiffs/{path}, POST /upload/spiffs/{path} (raw bytes; 507 when the quota is full),
 * POST /delete/spiffs/{path}, POST /update (raw image; then 503 while installing and rebooting).
 * Success bodies are the Tibber doc's (no capture; x-evidence: doc-only).
 */
import type { FastifyRequest } from 'fastify';
import { HomevoltError } from '../../devices/homevolt/index.ts';
import { sendEspError } from './esp-errors.ts';
import type { RouteGroup } from './operations.ts';
import { bodyOf } from './routes-control.ts';

/** Largest SPIFFS upload the server reads [bytes]; beyond the quota the answer is 507 anyway. */
export const SPIFFS_BODY_LIMIT = 8 * 1_048_576;
/** Largest firmware image [bytes]: the ESP32's 4 MiB OTA slot. */
export const FIRMWARE_BODY_LIMIT = 4 * 1_048_576;
/** ESP32 application images start with this magic byte (esp_image_header_t.magic). */
const ESP_IMAGE_MAGIC = 0xe9;

const pathOf = (request: FastifyRequest): string => (request.params as Record<string, string>)['*'] ?? '';

function spiffsError(e: unknown): { status: 400 | 404 | 507; text: string } {
  if (!(e instanceof HomevoltError)) throw e;
  if (e.code === 'HOMEVOLT_ERR_SPIFFS_FULL') return { status: 507, text: 'Insufficient storage' };
  if (e.code === 'HOMEVOLT_ERR_SPIFFS_NOT_FOUND') return { status: 404, text: 'File does not exist' };
  return { status: 400, text: 'Invalid filename' };
}

export const fileRoutes = {
  readSpiffsFile: {
    method: 'GET',
    url: '/spiffs/*',
    handler: ({ device }, request, reply) => {
      try {
        return reply.type('application/octet-stream').send(device.spiffs.read(pathOf(request)));
      } catch (e) {
        const { status, text } = spiffsError(e);
        return sendEspError(reply, status, text);
      }
    },
  },
  uploadSpiffsFile: {
    method: 'POST',
    url: '/upload/spiffs/*',
    bodyLimit: SPIFFS_BODY_LIMIT,
    handler: ({ device }, request, reply) => {
      const path = pathOf(request);
      const data = bodyOf(request.body);
      try {
        device.spiffs.write(path, data);
      } catch (e) {
        const { status, text } = spiffsError(e);
        if (status === 507) device.event('warning', 'spiffs', `Upload of ${path} refused: storage full`);
        return sendEspError(reply, status, text);
      }
      device.log('info', 'spiffs', `Stored ${path} (${data.length} bytes)`);
      return { status: 'success', filename: path, size: data.length };
    },
  },
  deleteSpiffsFile: {
    method: 'POST',
    url: '/delete/spiffs/*',
    handler: ({ device }, request, reply) => {
      const path = pathOf(request);
      try {
        device.spiffs.remove(path);
      } catch (e) {
        const { status, text } = spiffsError(e);
        return sendEspError(reply, status, text);
      }
      return { status: 'success', filename: path };
    },
  },
  uploadFirmware: {
    method: 'POST',
    url: '/update',
    bodyLimit: FIRMWARE_BODY_LIMIT,
    handler: ({ device }, request, reply) => {
      const image = bodyOf(request.body);
      if (image.length < 24 || image[0] !== ESP_IMAGE_MAGIC) return sendEspError(reply, 400, 'Invalid firmware image');
      device.startOta(image.length);
      return { status: 'success', message: 'Firmware uploaded, installation will begin shortly' };
    },
  },
} satisfies RouteGroup;
