// Sufficient statistics of a per-user metric and the summary the tests work from.

/** Sufficient statistics of per-user values y: the count, Σy and Σy². */
export interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

/** Count, mean and sample variance (n − 1 denominator) of per-user values. */
export interface Summary {
  n: number;
  mean: number;
  /** Sample variance with the n − 1 denominator; 0 when n < 2. */
  variance: number;
}

/**
 * The mean and sample variance from sufficient statistics: mean = Σy/n and
 * variance = (Σy² − n·mean²)/(n − 1), floored at 0 against rounding. The mean is 0 when n = 0 and
 * the variance is 0 when n < 2.
 */
export function summarize(m: Moments): Summary {
  if (m.n <= 0) return { n: m.n, mean: 0, variance: 0 };
  const mean = m.sum / m.n;
  if (m.n < 2) return { n: m.n, mean, variance: 0 };
  return { n: m.n, mean, variance: Math.max(0, (m.sumSquares - m.sum * mean) / (m.n - 1)) };
}
