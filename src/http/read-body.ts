import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** The media type of the request body, lower-cased, without parameters. */
export const mediaType = (req: IncomingMessage) => req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();

export class BodyError extends Error {
  constructor(readonly status: 400 | 413 | 415) {
    super(`request body refused with ${status}`);
  }
}

const decoders: Record<string, () => Transform> = { gzip: createGunzip, deflate: createInflate, br: createBrotliDecompress };

/**
 * The whole request body, at most maxBytes after decompression. A declared
 * length over the limit is refused before anything is read.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    const decode = decoders[encoding];
    if (!decode && encoding !== 'identity') return reject(new BodyError(415));
    // More bytes on the wire than the limit allows is over it, compressed or not.
    if (Number(req.headers['content-length']) > maxBytes) return reject(new BodyError(413));
    const decoder = decode?.();
    const stream = decoder ? req.pipe(decoder) : req;
    const chunks: Buffer[] = [];
    let size = 0;
    // Once refused, nothing more is inflated: a bomb's remaining gigabyte would
    // otherwise be decoded for nobody, long after the answer. A 413 closes the
    // connection, so the rest is not read either; after a 400 the connection is
    // kept, so the rest of the body is discarded undecoded.
    const refuse = (status: 400 | 413) => {
      stream.removeAllListeners('data');
      req.unpipe();
      decoder?.destroy();
      if (status === 413) req.pause();
      else req.resume();
      reject(new BodyError(status));
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) refuse(413);
      else chunks.push(chunk);
    });
    stream.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    stream.on('error', () => refuse(400));
    req.on('error', () => refuse(400));
  });
}
