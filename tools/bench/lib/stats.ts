export interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}

function sortedCopy(values: ArrayLike<number>): Float64Array {
  if (values.length === 0) throw new Error('no samples');
  return Float64Array.from(values).sort();
}

/** Nearest-rank percentile (p in 0..100) of samples sorted ascending. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  if (p < 0 || p > 100) throw new RangeError(`percentile out of range: ${p}`);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function percentile(values: ArrayLike<number>, p: number): number {
  return percentileOfSorted(sortedCopy(values), p);
}

/** Median as the mean of the two middle samples for an even count. */
export function median(values: ArrayLike<number>): number {
  const sorted = sortedCopy(values);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function spread(values: ArrayLike<number>): Spread {
  const sorted = sortedCopy(values);
  return {
    min: sorted[0] as number,
    median: median(sorted),
    max: sorted[sorted.length - 1] as number,
    n: sorted.length,
  };
}

export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? Number.NaN : numerator / denominator;
}
