// CUPED: variance reduction with a pre-experiment covariate (Deng, Xu, Kohavi & Walker, "Improving
// the Sensitivity of Online Controlled Experiments by Utilizing Pre-Experiment Data", WSDM 2013).

import type { Moments, Summary } from "./summary.js";

/**
 * Sufficient statistics of pairs (x, y) per user, where y is the metric and x the same metric
 * over the pre-experiment period: the y moments plus Σx, Σx² and Σxy.
 */
export interface CovariateMoments extends Moments {
  xSum: number;
  xSumSquares: number;
  crossSum: number;
}

/**
 * The CUPED coefficient θ = cov(x, y)/var(x), to be computed once over the analysed users of all
 * variants pooled so that every variant is adjusted by the same θ (which keeps the adjusted
 * difference unbiased). 0 when var(x) = 0 or n < 2, which leaves the metric unadjusted.
 */
export function cupedTheta(pooled: CovariateMoments): number {
  if (pooled.n < 2) return 0;
  const varianceX = pooled.xSumSquares - (pooled.xSum * pooled.xSum) / pooled.n;
  if (!(varianceX > 0)) return 0;
  return (pooled.crossSum - (pooled.xSum * pooled.sum) / pooled.n) / varianceX;
}

/**
 * The summary of one variant's CUPED-adjusted metric y′ = y − θ(x − x̄_pooled):
 * mean = ȳ − θ(x̄ − x̄_pooled) and variance = s²_y − 2θ·s_xy + θ²·s²_x (sample moments with the
 * n − 1 denominator, floored at 0). Feed the result to `welchTest` or `relativeLift`.
 */
export function cupedSummary(
  variant: CovariateMoments,
  theta: number,
  pooledMeanX: number,
): Summary {
  const { n } = variant;
  if (n <= 0) return { n, mean: 0, variance: 0 };
  const meanY = variant.sum / n;
  const meanX = variant.xSum / n;
  const mean = meanY - theta * (meanX - pooledMeanX);
  if (n < 2) return { n, mean, variance: 0 };
  const varianceY = (variant.sumSquares - variant.sum * meanY) / (n - 1);
  const varianceX = (variant.xSumSquares - variant.xSum * meanX) / (n - 1);
  const covariance = (variant.crossSum - variant.xSum * meanY) / (n - 1);
  const variance = varianceY - 2 * theta * covariance + theta * theta * varianceX;
  return { n, mean, variance: Math.max(0, variance) };
}
