import { randomFillSync } from 'node:crypto';

// Every request takes a few random ids (request id, extended request id, trace id): drawn from a pool filled 4 KiB at
// a time, instead of one call into the system's random source each (crypto.randomUUID pools the same way).
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

/** `size` cryptographically random bytes (a copy: the caller may keep it). */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_SIZE) return randomFillSync(Buffer.alloc(size));
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
