/**
 * Reads a response body as a stream with hard limits: the bytes on the wire
 * are capped (an endless body is cut off as soon as it passes the cap), and a
 * compressed body is decoded incrementally with a cap on the decoded size and
 * on the expansion ratio, so a gzip bomb is stopped after a few megabytes
 * instead of filling memory.
 */
import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';
import type { Result } from '../model/types.js';

export interface BodyLimits {
  /** Bytes as received (compressed). */
  maxBytes: number;
  /** Bytes after decompression. */
  maxDecodedBytes: number;
  /** Decoded / received ratio above which a body counts as a bomb (checked past `ratioFloorBytes`). */
  maxRatio: number;
}

/** Ratios are only meaningful past a small size: tiny, highly repetitive pages compress very well. */
const RATIO_FLOOR_BYTES = 1 << 20;

type Decoder = zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress;

function makeDecoder(encoding: string, firstChunk: Buffer): Decoder | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; a zlib header starts with 0x78.
      return firstChunk[0] === 0x78 ? zlib.createInflate() : zlib.createInflateRaw();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

export function readBody(
  res: IncomingMessage,
  limits: BodyLimits,
  onActivity: () => void,
): Promise<Result<Uint8Array>> {
  const encoding = (res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const identity = encoding === 'identity' || encoding === '';
  if (!identity && !['gzip', 'x-gzip', 'deflate', 'br'].includes(encoding)) {
    res.destroy();
    return Promise.resolve({ ok: false, reason: 'fetch-bad-content-type', detail: `unsupported content-encoding ${encoding}` });
  }
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    res.destroy();
    return Promise.resolve({ ok: false, reason: 'fetch-too-large', detail: `content-length ${declared} > ${limits.maxBytes}` });
  }

  return new Promise((resolve) => {
    const wire: Buffer[] = [];
    const decoded: Buffer[] = [];
    let wireBytes = 0;
    let decodedBytes = 0;
    let decoder: Decoder | null = null;
    let settled = false;
    let wireEnded = false;

    const finish = (result: Result<Uint8Array>): void => {
      if (settled) return;
      settled = true;
      if (!result.ok) {
        res.destroy();
        decoder?.destroy();
      }
      resolve(result);
    };

    const onDecoded = (chunk: Buffer): void => {
      decodedBytes += chunk.length;
      if (decodedBytes > limits.maxDecodedBytes) {
        finish({ ok: false, reason: 'fetch-decompression-bomb', detail: `decoded size passed ${limits.maxDecodedBytes} bytes` });
        return;
      }
      if (decodedBytes > RATIO_FLOOR_BYTES && decodedBytes > wireBytes * limits.maxRatio) {
        finish({ ok: false, reason: 'fetch-decompression-bomb', detail: `expansion ratio above ${limits.maxRatio}` });
        return;
      }
      decoded.push(chunk);
    };

    const startDecoder = (first: Buffer): Decoder | null => {
      const d = makeDecoder(encoding, first);
      if (d === null) return null;
      d.on('data', onDecoded);
      d.on('error', (err: Error) => finish({ ok: false, reason: 'fetch-network-error', detail: `decompression failed: ${err.message}` }));
      d.on('end', () => {
        if (wireEnded) finish({ ok: true, value: new Uint8Array(Buffer.concat(decoded)) });
      });
      return d;
    };

    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      onActivity();
      wireBytes += chunk.length;
      if (wireBytes > limits.maxBytes) {
        finish({ ok: false, reason: 'fetch-too-large', detail: `body passed ${limits.maxBytes} bytes` });
        return;
      }
      if (identity) {
        wire.push(chunk);
        return;
      }
      decoder ??= startDecoder(chunk);
      // Respect back-pressure so the decoder cannot run ahead and buffer a bomb's output unchecked.
      if (decoder !== null && !decoder.write(chunk)) {
        res.pause();
        decoder.once('drain', () => res.resume());
      }
    });
    res.on('end', () => {
      wireEnded = true;
      if (identity) {
        finish({ ok: true, value: new Uint8Array(Buffer.concat(wire)) });
      } else if (decoder === null) {
        finish({ ok: true, value: new Uint8Array(0) });
      } else {
        decoder.end();
      }
    });
    res.on('error', (err: Error) => finish({ ok: false, reason: 'fetch-network-error', detail: err.message }));
    res.on('aborted', () => finish({ ok: false, reason: 'fetch-network-error', detail: 'connection aborted' }));
  });
}
