// Sample ratio mismatch: are users split between variants in the configured proportions?

import { chiSquareSf } from "./distributions.js";

/** The result of a sample ratio mismatch check. */
export interface SrmResult {
  chiSquare: number;
  df: number;
  pValue: number;
  /** pValue < threshold: the split is not what was configured, so results are suspect. */
  mismatch: boolean;
}

/**
 * Pearson's chi-square goodness-of-fit test of the observed user counts per variant against the
 * configured weights (normalised to sum 1): χ² = Σ (O − E)²/E with k − 1 degrees of freedom, k
 * counting the variants of positive weight. A variant of weight 0 that has users makes χ² infinite.
 * With no users at all pValue is 1. The default threshold 0.001 is the usual one for SRM, which is
 * checked continuously and must not raise false alarms.
 *
 * @throws RangeError when the two arrays differ in length (a caller bug, not a data condition).
 */
export function sampleRatioMismatch(
  observed: number[],
  expectedWeights: number[],
  threshold = 0.001,
): SrmResult {
  if (observed.length !== expectedWeights.length) {
    throw new RangeError(
      `sampleRatioMismatch: ${observed.length} observed counts but ${expectedWeights.length} weights`,
    );
  }
  const total = observed.reduce((sum, count) => sum + count, 0);
  const weightTotal = expectedWeights.reduce((sum, weight) => sum + weight, 0);
  const df = expectedWeights.filter((weight) => weight > 0).length - 1;
  if (total === 0 || df < 1)
    return { chiSquare: 0, df: Math.max(df, 0), pValue: 1, mismatch: false };
  let chiSquare = 0;
  observed.forEach((count, index) => {
    const expected = (total * (expectedWeights[index] ?? 0)) / weightTotal;
    if (expected > 0) chiSquare += ((count - expected) * (count - expected)) / expected;
    else if (count > 0) chiSquare = Number.POSITIVE_INFINITY;
  });
  const pValue = chiSquareSf(chiSquare, df);
  return { chiSquare, df, pValue, mismatch: pValue < threshold };
}
