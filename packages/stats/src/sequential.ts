// Always-valid inference for experiments that are looked at continuously.

/** An always-valid p-value and confidence sequence for the difference. */
export interface SequentialResult {
  pValue: number;
  ci: [number, number];
}

/**
 * The mixture sequential probability ratio test (mSPRT) with a normal mixture N(0, τ²) over the
 * true difference (Johari, Pekelis & Walsh, "Always Valid Inference", 2017): with V = se²,
 * Λ = √(V/(V+τ²)) · exp(τ²d² / (2V(V+τ²))), p = min(1, 1/Λ), and the confidence sequence
 * d ± √( V(V+τ²)/τ² · (2 ln(1/α) + ln((V+τ²)/V)) ). Valid however often it is peeked at; τ sets
 * the effect size it is most sensitive to. se = 0 gives ci [d, d] and p = 1 if d = 0 else 0; an
 * infinite se gives p = 1 and ci [−Infinity, Infinity]. Callers who show the p-value at each look
 * should keep the running minimum.
 */
export function mixtureSequentialTest(
  difference: number,
  standardError: number,
  tau: number,
  alpha = 0.05,
): SequentialResult {
  if (standardError === 0) {
    return { pValue: difference === 0 ? 1 : 0, ci: [difference, difference] };
  }
  if (standardError === Number.POSITIVE_INFINITY) {
    return { pValue: 1, ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] };
  }
  const v = standardError * standardError;
  const tau2 = tau * tau;
  const logRatio = Math.log1p(tau2 / v); // ln((V+τ²)/V)
  // ln Λ, kept in logs so that a large d does not overflow exp().
  const logLikelihoodRatio =
    -0.5 * logRatio + (tau2 * difference * difference) / (2 * v * (v + tau2));
  const pValue = Math.min(1, Math.exp(-logLikelihoodRatio));
  const halfWidth = Math.sqrt(((v * (v + tau2)) / tau2) * (2 * Math.log(1 / alpha) + logRatio));
  return { pValue, ci: [difference - halfWidth, difference + halfWidth] };
}
