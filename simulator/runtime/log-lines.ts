import type { LogDestination } from './logging.ts';

/**
 * A log destination that hands each line to `line`, without its newline: how the CLI sends the log to stderr with
 * --ready-json, where stdout carries the JSON line alone and a fixture reads it as the first line. A module of its
 * own so that the CLI's entry loads no logging code for --help.
 */
export function logsTo(line: (text: string) => void): LogDestination {
  return {
    write: (chunk: string) => {
      for (const text of chunk.split('\n')) if (text !== '') line(text);
    },
  };
}
