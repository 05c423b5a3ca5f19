/**
 * A raw HTTP/1.1 client for the fuzzer: writes bytes that no well-behaved client library would send (broken heads,
 * pipelines, bodies that stop), then reads answers until it has the ones it expects, the server closes, or the
 * deadline passes (a hang). Loopback only.
 */
import { connect } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface RawOutcome {
  readonly answers: readonly RawAnswer[];
  /** The server closed the socket (or reset it). */
  readonly closed: boolean;
  /** Neither the expected answers nor a close came before the deadline. */
  readonly hung: boolean;
  readonly error: string | undefined;
}

export interface RawRequest {
  readonly port: number;
  readonly bytes: Buffer;
  /** Answers after which the client itself may close (a keep-alive answer to its last request). */
  readonly expectAnswers: number;
  /** Give up waiting after this long [ms]. */
  readonly deadlineMs: number;
}

export function sendRaw(request: RawRequest): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: request.port });
    let buffer = Buffer.alloc(0);
    const answers: RawAnswer[] = [];
    let settled = false;
    let error: string | undefined;
    const finish = (closed: boolean, hung: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ answers, closed, hung, error });
    };
    const timer = setTimeout(() => finish(false, true), request.deadlineMs);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const parsed = parseAnswer(buffer, false);
        if (!parsed) break;
        // 100 Continue (the client sent Expect) is not an answer: the real one follows.
        if (parsed.answer.status >= 200) answers.push(parsed.answer);
        buffer = buffer.subarray(parsed.length);
      }
      if (answers.length >= request.expectAnswers) finish(false, false);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => {
      const last = parseAnswer(buffer, true);
      if (last) answers.push(last.answer);
      finish(true, false);
    });
    socket.on('connect', () => socket.write(request.bytes));
  });
}

/** One complete answer at the start of `buffer`, or undefined when more bytes are needed. */
function parseAnswer(buffer: Buffer, atClose: boolean): { answer: RawAnswer; length: number } | undefined {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const head = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head[0] ?? '')?.[1] ?? NaN);
  if (!Number.isFinite(status)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const start = headEnd + 4;
  const length = headers['content-length'];
  if (length !== undefined) {
    const end = start + Number(length);
    if (buffer.length < end) return undefined;
    return { answer: { status, headers, body: buffer.subarray(start, end) }, length: end };
  }
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const end = buffer.indexOf('\r\n0\r\n\r\n', start - 2);
    if (end < 0) return undefined;
    return { answer: { status, headers, body: buffer.subarray(start, end) }, length: end + 7 };
  }
  if (status < 200 || status === 204 || status === 304) return { answer: { status, headers, body: Buffer.alloc(0) }, length: start };
  if (!atClose) return undefined;
  return { answer: { status, headers, body: buffer.subarray(start) }, length: buffer.length };
}
