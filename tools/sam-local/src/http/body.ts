import type { IncomingMessage } from 'node:http';
import type { BodyRead } from '../pipeline/request';

export type { BodyRead };

/** Reads the body up to `limit` bytes; 'too-large' as soon as it goes over, `gone` if the client leaves. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    // A body cut short ('aborted' error, or the stream closing before its end) is the client leaving.
    req.once('error', () => resolve({ gone: true, received: size }));
    req.once('close', () => {
      if (!req.complete) resolve({ gone: true, received: size });
    });
  });
}
