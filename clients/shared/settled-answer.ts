/**
 * The keep-alive fetch's answer (keep-alive-fetch.ts): status, headers and the whole body, already read, behind
 * the part of a fetch Response the clients use. A class, not an object of closures: a controller reads thousands.
 */
import type { ResponseHeaders } from './http1-fields.ts';
import type { FetchResponseLike } from './transport.ts';

const BOM = 0xef;

/** A settled answer: status, headers and the whole body, read as the clients read a fetch Response. */
export class SettledAnswer implements FetchResponseLike {
  readonly ok: boolean;

  constructor(
    readonly status: number,
    readonly headers: ResponseHeaders,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  text(): Promise<string> {
    return Promise.resolve(this.decode());
  }

  json(): Promise<unknown> {
    try {
      return Promise.resolve(JSON.parse(this.decode()) as unknown);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    const { body } = this;
    return Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
  }

  /** UTF-8, without a byte-order mark, as fetch's text() decodes. */
  private decode(): string {
    const body = this.body;
    if (body[0] === BOM && body[1] === 0xbb && body[2] === 0xbf) return body.toString('utf8', 3);
    return body.toString();
  }
}
