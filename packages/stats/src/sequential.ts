// Always-valid inference for experiments that are looked at continuously.

/** An always-valid p-value and confidence interval (a confidence sequence) for an estimate. */
export interface SequentialResult {
  pValue: number;
  ci: [number, number];
}

/** Where the confidence sequence is tightest when no other number is planned: 5,000 users. */
export const DEFAULT_SEQUENTIAL_TUNING = 5000;

/**
 * The mixing parameter ρ of the normal-mixture confidence sequence for a planned sample size
 * N* (Waudby-Smith et al. 2023, eq. 161, two-sided, as GrowthBook's gbstats calibrates it):
 * ρ = √((−2 ln α + ln(−2 ln α + 1)) / N*).
 */
function mixingRho(alpha: number, tuning: number): number {
  const logAlpha = Math.log(alpha);
  return Math.sqrt((-2 * logAlpha + Math.log(-2 * logAlpha + 1)) / tuning);
}

/**
 * Half-width of the two-sided always-valid interval for an estimate with standard error `se`
 * over `n` users in all (Waudby-Smith et al. 2023, eq. 9): with the per-user variance
 * s² = se²·n, √s² · √(2(nρ² + 1) ln(√(nρ² + 1)/α) / (nρ)²).
 */
export function sequentialHalfWidth(
  standardError: number,
  n: number,
  tuning: number,
  alpha: number,
): number {
  const rho = mixingRho(alpha, tuning);
  const nr2 = n * rho * rho;
  const s = standardError * Math.sqrt(n);
  return s * Math.sqrt((2 * (nr2 + 1) * Math.log(Math.sqrt(nr2 + 1) / alpha)) / (n * rho) ** 2);
}

/**
 * The always-valid interval of an estimate and its p-value: the smallest α whose interval
 * excludes 0 (found by bisection on ln α, the half-width falling as α grows). Valid however
 * often it is looked at; `tuning` (N*, users in all) is where it is tightest. A zero standard
 * error gives [d, d] and p = 1 if d = 0 else 0; fewer than 2 users or an infinite standard
 * error give p = 1 and (−∞, ∞).
 */
export function sequentialTest(
  estimate: number,
  standardError: number,
  n: number,
  tuning: number = DEFAULT_SEQUENTIAL_TUNING,
  alpha = 0.05,
): SequentialResult {
  if (standardError === 0) return { pValue: estimate === 0 ? 1 : 0, ci: [estimate, estimate] };
  if (!Number.isFinite(standardError) || n < 2)
    return { pValue: 1, ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] };
  const halfWidth = sequentialHalfWidth(standardError, n, tuning, alpha);
  const distance = Math.abs(estimate);
  const width = (logAlpha: number) =>
    sequentialHalfWidth(standardError, n, tuning, Math.exp(logAlpha));
  let pValue = 1;
  const top = Math.log1p(-1e-12);
  if (width(top) < distance) {
    let low = -745; // exp(−745) is the smallest double: the interval there is the widest.
    let high = top;
    if (width(low) < distance) pValue = 0;
    else {
      for (let i = 0; i < 200 && high - low > 1e-13; i++) {
        const mid = (low + high) / 2;
        if (width(mid) > distance) low = mid;
        else high = mid;
      }
      pValue = Math.exp((low + high) / 2);
    }
  }
  return { pValue, ci: [estimate - halfWidth, estimate + halfWidth] };
}
