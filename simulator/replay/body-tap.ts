/**
 * Keeps the first `limitBytes` of a body that streams past, and counts the rest without keeping it: how the
 * recorder holds a 50 MB upload in 1 MB (issue 19). Owned by one exchange.
 */
export interface BodyTap {
  /** Sees the next chunk; keeps as much of it as still fits. */
  push(chunk: Buffer): void;
  /** The bytes kept: the whole body, or its first `limitBytes`. */
  kept(): Buffer;
  /** Bytes seen so far. */
  readonly totalBytes: number;
  /** Whether bytes were seen beyond the limit. */
  readonly truncated: boolean;
}

export function createBodyTap(limitBytes: number): BodyTap {
  const chunks: Buffer[] = [];
  let keptBytes = 0;
  let totalBytes = 0;
  return {
    push(chunk) {
      totalBytes += chunk.length;
      const room = limitBytes - keptBytes;
      if (room <= 0) return;
      // A slice would pin the whole (pooled) chunk; a copy keeps only what is needed.
      const part = chunk.length <= room ? chunk : Buffer.from(chunk.subarray(0, room));
      chunks.push(part);
      keptBytes += part.length;
    },
    kept: () => Buffer.concat(chunks, keptBytes),
    get totalBytes() {
      return totalBytes;
    },
    get truncated() {
      return totalBytes > keptBytes;
    },
  };
}
