// The pool the per-request random ids are drawn from: each draw is its own bytes, across refills of the pool.
import { pooledRandomBytes } from '../../src/lambda/random-bytes';

it('gives the size asked for, never the same bytes twice, across many refills of the pool', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i += 1) {
    const bytes = pooledRandomBytes(12); // 24,000 bytes: the 4 KiB pool is refilled several times
    expect(bytes).toHaveLength(12);
    seen.add(bytes.toString('hex'));
  }
  expect(seen.size).toBe(2000);
});

it('gives a copy the caller may keep: a later draw does not change it', () => {
  const first = pooledRandomBytes(16);
  const kept = Buffer.from(first);
  for (let i = 0; i < 600; i += 1) pooledRandomBytes(16); // past a refill
  expect(first.equals(kept)).toBe(true);
});

it('serves a draw larger than the pool', () => {
  expect(pooledRandomBytes(10_000)).toHaveLength(10_000);
});
