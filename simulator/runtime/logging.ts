/**
 * The emulators' logs go through Fastify's built-in logger (pino). This module turns the log options into
 * Fastify's logger configuration and, for `pretty`, a small formatter that prints one short line per vendor
 * request instead of pino's JSON (pino-pretty would add a dozen packages for what fits in 40 lines).
 */
import { MAX_LOG_ENTRIES } from '../control/request-log.ts';
import { RuntimeError } from './errors.ts';

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'pretty' | 'json';

/** Where log lines go; default process.stdout. */
export interface LogDestination {
  write(line: string): void;
}

export interface LogOptions {
  /** Default 'silent' (the Node API and tests); the CLI passes 'info' for a real-time or scaled clock. */
  readonly level?: LogLevel;
  /** Default 'json'; the CLI passes 'pretty'. */
  readonly format?: LogFormat;
  readonly destination?: LogDestination;
}

/** What Fastify's `logger` option gets: false for silence, so that a silent emulator pays nothing. */
export type FastifyLoggerConfig = false | { readonly level: LogLevel; readonly stream: LogDestination; readonly timestamp: () => string };

export function checkLogOptions(where: string, level: unknown, format: unknown): void {
  if (level !== undefined && !LOG_LEVELS.includes(level as LogLevel)) {
    throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to start the ${where}: option "logLevel" must be one of ${LOG_LEVELS.join(', ')}, got ${String(level)}.`);
  }
  if (format !== undefined && format !== 'pretty' && format !== 'json') {
    throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to start the ${where}: option "logFormat" must be "pretty" or "json", got ${String(format)}.`);
  }
}

export function checkLogEntries(where: string, entries: unknown): void {
  if (entries !== undefined && !(Number.isInteger(entries) && (entries as number) >= 1 && (entries as number) <= MAX_LOG_ENTRIES)) {
    throw new RuntimeError('RUNTIME_ERR_BAD_OPTION', `Failed to start the ${where}: option "logEntries" must be a whole number from 1 to ${MAX_LOG_ENTRIES}, got ${String(entries)}.`);
  }
}

/** The logger configuration from a start function's options. */
export function loggerOf(options: { readonly logLevel?: LogLevel; readonly logFormat?: LogFormat; readonly logDestination?: LogDestination }): FastifyLoggerConfig {
  return fastifyLoggerConfig({
    ...(options.logLevel !== undefined ? { level: options.logLevel } : {}),
    ...(options.logFormat !== undefined ? { format: options.logFormat } : {}),
    ...(options.logDestination !== undefined ? { destination: options.logDestination } : {}),
  });
}

export function fastifyLoggerConfig(options: LogOptions): FastifyLoggerConfig {
  const level = options.level ?? 'silent';
  if (level === 'silent') return false;
  const out = options.destination ?? process.stdout;
  return {
    level,
    stream: options.format === 'pretty' ? createPrettyDestination(out) : out,
    // Wall time as ISO text; each request line adds the simulated time beside it.
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** pino's JSON lines in, one short human line out (a line that is not JSON passes unchanged). */
export function createPrettyDestination(out: LogDestination): LogDestination {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) {
        if (line === '') continue;
        let o: Record<string, unknown>;
        try {
          o = JSON.parse(line) as Record<string, unknown>;
        } catch {
          out.write(`${line}\n`);
          continue;
        }
        out.write(`${formatPrettyLine(o)}\n`);
      }
    },
  };
}

/** `05:41:12.345 [sim 2026-06-01 00:10:00] sessy GET /api/v1/power/status 200 0.4 ms`. */
export function formatPrettyLine(o: Record<string, unknown>): string {
  const wall = typeof o['time'] === 'string' ? o['time'].slice(11, 23) : '';
  const sim = typeof o['simTime'] === 'string' ? ` [sim ${o['simTime'].slice(0, 19).replace('T', ' ')}]` : '';
  const level = typeof o['level'] === 'number' && o['level'] !== 30 ? ` ${LEVEL_NAMES[o['level']] ?? o['level']}` : '';
  if (o['method'] !== undefined) {
    const status = o['status'] === null ? 'no answer' : String(o['status']);
    const faults = Array.isArray(o['faults']) && o['faults'].length > 0 ? ` faults ${o['faults'].join(',')}` : '';
    const latency = typeof o['latencyMs'] === 'number' ? ` ${o['latencyMs'].toFixed(1)} ms` : '';
    return `${wall}${sim}${level} ${String(o['device'])} ${String(o['method'])} ${String(o['path'])} ${status}${latency}${faults}`;
  }
  const err = typeof o['err'] === 'object' && o['err'] !== null ? ` ${String((o['err'] as { message?: unknown }).message)}` : '';
  return `${wall}${sim}${level} ${String(o['msg'] ?? '')}${err}`;
}
