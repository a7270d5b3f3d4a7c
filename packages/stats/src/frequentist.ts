// Frequentist comparisons of a variant with the baseline.

import { normalCdf, normalQuantile, studentTQuantile, studentTTail } from "./distributions.js";
import type { Summary } from "./summary.js";

/** The result of Welch's unequal-variances t-test of variant − baseline. */
export interface WelchResult {
  /** variant.mean − baseline.mean */
  difference: number;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided 1 − alpha confidence interval of the difference. */
  ci: [number, number];
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Welch's t-test of `variant.mean − baseline.mean`: se = √(s²_B/n_B + s²_A/n_A), degrees of
 * freedom by Welch–Satterthwaite, CI = d ± t_{1−α/2, df}·se and two-sided p = 2(1 − T_df(|d|/se)).
 *
 * Degenerate cases: with fewer than 2 users in either group nothing can be said, so the result
 * has standardError Infinity, df NaN, ci [−Infinity, Infinity] and pValue 1. With both variances
 * 0 (se = 0) the difference is certain: ci [d, d], df = n_A + n_B − 2, and pValue 1 when d = 0,
 * else 0.
 */
export function welchTest(baseline: Summary, variant: Summary, alpha = 0.05): WelchResult {
  const difference = variant.mean - baseline.mean;
  if (baseline.n < 2 || variant.n < 2) {
    return {
      difference,
      standardError: Number.POSITIVE_INFINITY,
      df: Number.NaN,
      ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
      pValue: 1,
    };
  }
  const varianceA = baseline.variance / baseline.n;
  const varianceB = variant.variance / variant.n;
  const variance = varianceA + varianceB;
  const standardError = Math.sqrt(variance);
  if (standardError === 0) {
    return {
      difference,
      standardError,
      df: baseline.n + variant.n - 2,
      ci: [difference, difference],
      pValue: difference === 0 ? 1 : 0,
    };
  }
  // Welch–Satterthwaite
  const df =
    (variance * variance) /
    ((varianceA * varianceA) / (baseline.n - 1) + (varianceB * varianceB) / (variant.n - 1));
  const halfWidth = -studentTQuantile(alpha / 2, df) * standardError;
  return {
    difference,
    standardError,
    df,
    ci: [difference - halfWidth, difference + halfWidth],
    // 2·P(T > |t|) is 2(1 − T(|t|)) without the cancellation.
    pValue: Math.min(1, 2 * studentTTail(Math.abs(difference) / standardError, df)),
  };
}

/** Relative lift of the variant over the baseline with its confidence interval. */
export interface LiftResult {
  /** (variant.mean − baseline.mean) / |baseline.mean|, as a fraction (0.05 = +5%). */
  lift: number;
  ci: [number, number];
  /** √Var of the delta method (NaN or ∞ where the interval is). */
  standardError: number;
}

/**
 * The relative lift (m_B − m_A)/|m_A| (m_B/m_A − 1 for a positive baseline; a negative
 * baseline mean that rises is a positive lift) with a normal confidence interval from the delta
 * method: Var ≈ s²_B/(n_B m_A²) + m_B² s²_A/(n_A m_A⁴), CI = lift ± z_{1−α/2}·√Var.
 * A baseline mean of 0 gives NaN everywhere; fewer than 2 users in a group gives
 * ci [−Infinity, Infinity].
 */
export function relativeLift(baseline: Summary, variant: Summary, alpha = 0.05): LiftResult {
  const meanA = baseline.mean;
  const meanB = variant.mean;
  if (meanA === 0 || baseline.n <= 0 || variant.n <= 0) {
    return { lift: Number.NaN, ci: [Number.NaN, Number.NaN], standardError: Number.NaN };
  }
  const lift = (meanB - meanA) / Math.abs(meanA);
  if (baseline.n < 2 || variant.n < 2) {
    return {
      lift,
      ci: [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY],
      standardError: Number.POSITIVE_INFINITY,
    };
  }
  const meanA2 = meanA * meanA;
  const variance =
    variant.variance / (variant.n * meanA2) +
    (meanB * meanB * baseline.variance) / (baseline.n * meanA2 * meanA2);
  const standardError = Math.sqrt(variance);
  const halfWidth = -normalQuantile(alpha / 2) * standardError;
  return { lift, ci: [lift - halfWidth, lift + halfWidth], standardError };
}

/**
 * The pooled two-proportion z-test of variant − baseline conversion rates:
 * p = (x_A + x_B)/(n_A + n_B), se = √(p(1 − p)(1/n_A + 1/n_B)), z = (p_B − p_A)/se and a
 * two-sided p-value. It equals Pearson's chi-square test of the 2×2 table without continuity
 * correction (z² = χ²). When se = 0 (no users, or all or none converted) z is 0 and p is 1.
 */
export function twoProportionZTest(
  baselineConversions: number,
  baselineN: number,
  variantConversions: number,
  variantN: number,
): { z: number; pValue: number } {
  if (baselineN <= 0 || variantN <= 0) return { z: 0, pValue: 1 };
  const pooled = (baselineConversions + variantConversions) / (baselineN + variantN);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / baselineN + 1 / variantN));
  if (!(standardError > 0)) return { z: 0, pValue: 1 };
  const z = (variantConversions / variantN - baselineConversions / baselineN) / standardError;
  return { z, pValue: 2 * normalCdf(-Math.abs(z)) };
}
