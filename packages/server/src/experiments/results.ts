import {
  adjustPValues,
  type CovariateMoments,
  chanceToBeatConversion,
  chanceToBeatNormal,
  cupedSummary,
  cupedTheta,
  expectedLossConversion,
  expectedLossNormal,
  relativeLift,
  type Summary,
  sampleRatioMismatch,
  sequentialTest,
  summarize,
  twoProportionZTest,
  welchTest,
} from "@flagsync-oss/stats";
import type { DayDelta, ExposureCounts } from "../analysis/output.js";
import { type Exclusion, exposureClass } from "../events/exposure-class.js";
import type { Metric } from "../metrics/metric-service.js";
import type { Settings } from "./experiment-schemas.js";

/** How one variant does on one metric, against the baseline. */
export interface VariantResult {
  variant: string;
  baseline: boolean;
  /** Users the metric used: every analysed user, or for average metrics those with a value. */
  users: number;
  mean: number;
  variance: number;
  standardDeviation: number;
  /** Of the mean: √(variance / users); null without users. */
  standardError: number | null;
  /** Σ of the per-user values (raw, before CUPED). */
  sum: number;
  /** Conversion metrics: users who converted. */
  converters?: number;
  /** Conversion: exposed users who did not convert; average: exposed users without a value. */
  usersWithoutEvents?: number;
  /**
   * Why a variant has no comparison: fewer than 2 users in an arm, no variance in either, or
   * an empty baseline. Such a variant has no statistics and is outside the correction family.
   */
  notCompared?: string;
  /** Only for variants other than the baseline, when they can be compared. */
  comparison?: {
    /** sequential: ci, relativeLiftCi and pValue are always valid; else fixed-horizon Welch. */
    method: "sequential" | "fixed-horizon";
    difference: number;
    /** Welch: standard error of the difference, t and Welch–Satterthwaite df. */
    standardError: number;
    welchT: number;
    welchDf: number;
    /** Delta-method standard error of the relative lift. */
    liftStandardError: number;
    ci: [number, number];
    relativeLift: number;
    relativeLiftCi: [number, number];
    /** Two-sided: always valid (sequential) or Welch t-test (fixed horizon). */
    pValue: number;
    /** After the experiment's multiple-testing correction. */
    adjustedPValue: number;
    /** Conversion metrics: pooled two-proportion z-test, its p-value and z. */
    zTestPValue?: number;
    zStatistic?: number;
    /** Probability that the variant is better than the baseline, in the metric's direction. */
    chanceToBeat: number;
    /** Expected loss (in the metric's unit) of choosing the variant over the baseline. */
    expectedLoss: number;
    verdict: "winning" | "losing" | "inconclusive";
  };
}

export interface MetricResult {
  metric: string;
  name: string;
  kind: Metric["kind"];
  direction: Metric["direction"];
  primary: boolean;
  /** CUPED theta when variance reduction was applied to this metric. */
  cuped: { theta: number } | null;
  variants: VariantResult[];
}

export interface DailyPoint {
  day: string;
  metrics: {
    metric: string;
    variants: {
      variant: string;
      users: number;
      mean: number;
      relativeLift: number | null;
      relativeLiftCi: [number, number] | null;
      chanceToBeat: number | null;
    }[];
  }[];
}

export interface ExperimentResult {
  window: { start: string; end: string };
  /** How many comparisons (variants × metrics, the comparable ones) the correction covers. */
  correctionFamily: number;
  exposures: {
    total: number;
    /** Users who saw more than one variant: excluded from every metric and from SRM. */
    multipleVariants: number;
    /** Users of one variant outside the comparison (other variants, or "unknown"). */
    otherVariants: number;
    analysed: Record<string, number>;
    /**
     * Users served a variant the rollout did not assign them (and no randomised one), per
     * variant and why: a rule matched, the flag was off, no rollout, or an evaluation error.
     */
    notRandomised: { variant: string; reason: Exclusion; users: number }[];
  };
  /** Users whose SDK served another variant than the server derives, per SDK source. */
  assignment: {
    mismatchedUsers: Record<string, number>;
    /** Mismatched users over all exposed users. */
    rate: number;
    /**
     * Users for whom our own SDK endpoint reported another reason than the server derives,
     * per SDK source (the reported one is used).
     */
    reasonDisagreements: Record<string, number>;
    warning: string | null;
  };
  srm: {
    /** Expected shares of the analysed users. */
    expected: Record<string, number>;
    observed: Record<string, number>;
    /** The shares times the analysed users; chi-square with `df` = variants − 1. */
    expectedCounts: Record<string, number>;
    df: number;
    chiSquare: number;
    pValue: number;
    mismatch: boolean;
  };
  metrics: MetricResult[];
  daily: DailyPoint[];
}

/** The analysed variants: the baseline first, then the compared ones. */
export interface VariantRef {
  id: number;
  key: string;
}

/** A variant's sufficient statistics summed over the days so far. */
type Cumulative = Omit<DayDelta, "variant" | "day">;

/** The per-metric sums of DayDelta and Cumulative. */
const SUMS = ["x", "xx", "y", "yy", "xy", "valued"] as const;
type Sum = (typeof SUMS)[number];

/** Each per-metric sum made by `make`. */
function sums(make: (sum: Sum) => number[]): Pick<Cumulative, Sum> {
  return {
    x: make("x"),
    xx: make("xx"),
    y: make("y"),
    yy: make("yy"),
    xy: make("xy"),
    valued: make("valued"),
  };
}

function moments(c: Cumulative, i: number, metric: Metric): CovariateMoments {
  const average = metric.kind === "average";
  return {
    n: average ? (c.valued[i] ?? 0) : c.exposed,
    sum: c.y[i] ?? 0,
    sumSquares: c.yy[i] ?? 0,
    xSum: average ? 0 : (c.x[i] ?? 0),
    xSumSquares: average ? 0 : (c.xx[i] ?? 0),
    crossSum: average ? 0 : (c.xy[i] ?? 0),
  };
}

/**
 * CUPED's figures for checking by hand: theta, the pooled covariate mean, and the share of the
 * metric's variance removed, 1 − Var(y − θx)/Var(y) over the pooled users.
 */
function cupedFigures(raw: CovariateMoments[], theta: number) {
  let n = 0;
  let y = 0;
  let yy = 0;
  let x = 0;
  let xx = 0;
  let xy = 0;
  for (const m of raw) {
    n += m.n;
    y += m.sum;
    yy += m.sumSquares;
    x += m.xSum;
    xx += m.xSumSquares;
    xy += m.crossSum;
  }
  const varY = n > 0 ? yy / n - (y / n) ** 2 : 0;
  const varX = n > 0 ? xx / n - (x / n) ** 2 : 0;
  const cov = n > 0 ? xy / n - (x / n) * (y / n) : 0;
  const adjusted = varY - 2 * theta * cov + theta * theta * varX;
  return {
    theta,
    covariateMean: n > 0 ? x / n : 0,
    varianceReduction: varY > 0 ? 1 - adjusted / varY : 0,
  };
}

/** Summaries of a metric per variant, CUPED-adjusted when on (never for average metrics). */
function summaries(
  cumulative: Cumulative[],
  i: number,
  metric: Metric,
  cuped: boolean,
): { summaries: Summary[]; theta: number | null } {
  const all = cumulative.map((c) => moments(c, i, metric));
  if (!cuped || metric.kind === "average") return { summaries: all.map(summarize), theta: null };
  const pooled = all.reduce<CovariateMoments>(
    (p, m) => ({
      n: p.n + m.n,
      sum: p.sum + m.sum,
      sumSquares: p.sumSquares + m.sumSquares,
      xSum: p.xSum + m.xSum,
      xSumSquares: p.xSumSquares + m.xSumSquares,
      crossSum: p.crossSum + m.crossSum,
    }),
    { n: 0, sum: 0, sumSquares: 0, xSum: 0, xSumSquares: 0, crossSum: 0 },
  );
  const theta = cupedTheta(pooled);
  const meanX = pooled.n > 0 ? pooled.xSum / pooled.n : 0;
  return { summaries: all.map((m) => cupedSummary(m, theta, meanX)), theta };
}

interface Comparison {
  metricIndex: number;
  variantIndex: number;
  result: NonNullable<VariantResult["comparison"]>;
  testedP: number;
}

function compare(
  metric: Metric,
  base: Summary,
  variant: Summary,
  baseRaw: CovariateMoments,
  variantRaw: CovariateMoments,
  settings: Settings,
  /** CUPED's theta when the summaries are adjusted, else null. */
  theta: number | null,
): Omit<Comparison, "metricIndex" | "variantIndex"> {
  const welch = welchTest(base, variant, settings.alpha);
  const lift = relativeLift(base, variant, settings.alpha);
  const better = metric.direction === "increase" ? 1 : -1;
  const conversion = metric.kind === "conversion";
  // The exact Beta posteriors describe raw conversions; once CUPED adjusts the estimate, the
  // normal approximation on the adjusted difference keeps every figure on the same estimate.
  const beta = conversion && theta === null;
  const chanceToBeat = beta
    ? better === 1
      ? chanceToBeatConversion(baseRaw.sum, baseRaw.n, variantRaw.sum, variantRaw.n)
      : 1 - chanceToBeatConversion(baseRaw.sum, baseRaw.n, variantRaw.sum, variantRaw.n)
    : chanceToBeatNormal(better * welch.difference, welch.standardError);
  const expectedLoss = beta
    ? better === 1
      ? expectedLossConversion(baseRaw.sum, baseRaw.n, variantRaw.sum, variantRaw.n)
      : expectedLossConversion(variantRaw.sum, variantRaw.n, baseRaw.sum, baseRaw.n)
    : expectedLossNormal(better * welch.difference, welch.standardError);
  // With sequential testing every interval and p-value is the always-valid one.
  const users = base.n + variant.n;
  const sequential = settings.sequential
    ? {
        difference: sequentialTest(
          welch.difference,
          welch.standardError,
          users,
          settings.sequentialTuning,
          settings.alpha,
        ),
        lift: sequentialTest(
          lift.lift,
          lift.standardError,
          users,
          settings.sequentialTuning,
          settings.alpha,
        ),
      }
    : undefined;
  const pValue = sequential ? sequential.difference.pValue : welch.pValue;
  const zTest = conversion
    ? twoProportionZTest(baseRaw.sum, baseRaw.n, variantRaw.sum, variantRaw.n)
    : undefined;
  return {
    testedP: pValue,
    result: {
      method: sequential ? "sequential" : "fixed-horizon",
      difference: welch.difference,
      standardError: welch.standardError,
      welchT: welch.difference / welch.standardError,
      welchDf: welch.df,
      liftStandardError: lift.standardError,
      ci: sequential ? sequential.difference.ci : welch.ci,
      relativeLift: lift.lift,
      relativeLiftCi: sequential
        ? Number.isNaN(lift.lift)
          ? lift.ci
          : sequential.lift.ci
        : lift.ci,
      pValue,
      adjustedPValue: Number.NaN,
      ...(zTest ? { zTestPValue: zTest.pValue, zStatistic: zTest.z } : {}),
      chanceToBeat,
      expectedLoss,
      verdict: "inconclusive",
    },
  };
}

/**
 * Metric `i` over cumulative sums per variant: the summaries (CUPED-adjusted when on), the raw
 * moments, the baseline's summary, and variant `v` compared with the baseline.
 */
function ofMetric(cumulative: Cumulative[], i: number, metric: Metric, settings: Settings) {
  const { summaries: s, theta } = summaries(cumulative, i, metric, settings.cuped);
  const raw = cumulative.map((c) => moments(c, i, metric));
  const base = s[0] as Summary;
  const against = (v: number) =>
    compare(
      metric,
      base,
      s[v] as Summary,
      raw[0] as CovariateMoments,
      raw[v] as CovariateMoments,
      settings,
      theta,
    );
  return { summaries: s, theta, raw, base, against };
}

function cumulate(days: DayDelta[], variants: VariantRef[], metricCount: number) {
  const state = variants.map(
    (): Cumulative => ({ exposed: 0, ...sums(() => new Array<number>(metricCount).fill(0)) }),
  );
  const copy = (c: Cumulative): Cumulative => ({
    exposed: c.exposed,
    ...sums((sum) => [...c[sum]]),
  });
  const byDay: { day: string; state: Cumulative[] }[] = [];
  // One pass in day order; after the last delta of a day, the state is that day's point.
  const ordered = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  ordered.forEach((delta, k) => {
    const c = state[variants.findIndex((r) => r.id === delta.variant)];
    if (c) {
      c.exposed += delta.exposed;
      for (const sum of SUMS)
        for (let i = 0; i < metricCount; i++) c[sum][i] = (c[sum][i] ?? 0) + (delta[sum][i] ?? 0);
    }
    if (ordered[k + 1]?.day !== delta.day) byDay.push({ day: delta.day, state: state.map(copy) });
  });
  return { final: state, byDay };
}

/**
 * Turns the database's per-day increments into the experiment's results: per metric and
 * variant the users, mean and variance; against the baseline the Welch difference and CI, the
 * relative lift (delta method), p-values (corrected over variants × metrics), Bayesian chance to
 * beat and expected loss in the metric's direction, the verdict; SRM over analysed users; and
 * the same figures cumulatively per day.
 */
/**
 * Why a variant cannot be compared with the baseline, or null when it can: no p-value, interval
 * or verdict means anything with no baseline users, fewer than 2 users in an arm, or no
 * variance in either arm (every user the same value).
 */
function notComparable(base: Summary, variant: Summary): string | null {
  if (base.n === 0) return "the baseline has no analysed users";
  if (base.n < 2 || variant.n < 2) return "fewer than 2 users in an arm";
  if (base.variance === 0 && variant.variance === 0)
    return "no variance in either arm: every user has the same value";
  return null;
}

/** What the results say about users served otherwise than derived, or for another reason. */
function assignmentWarning(
  mismatchedUsers: Record<string, number>,
  rate: number,
  reasonDisagreements: Record<string, number>,
): string | null {
  const bySource = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([source, n]) => `${n} by ${source} SDKs`)
      .join(", ");
  const parts: string[] = [];
  if (rate > MISMATCH_WARNING_RATE)
    parts.push(
      `${(rate * 100).toFixed(1)} % of exposed users were served another variant than their bucket (${bySource(mismatchedUsers)}): SDKs that were not ready, served stale or bootstrapped values. They stay in the variant they saw.`,
    );
  const disagreeing = Object.values(reasonDisagreements).reduce((a, b) => a + b, 0);
  if (disagreeing > 0)
    parts.push(
      `${disagreeing} ${disagreeing === 1 ? "user's" : "users'"} impressions carry another reason than the server derives (${bySource(reasonDisagreements)}): an SDK that evaluated another version of the flag, or a rule on the address or country. The reported reason is used.`,
    );
  return parts.length > 0 ? parts.join(" ") : null;
}

/** Above this share of mismatched users, results warn. */
const MISMATCH_WARNING_RATE = 0.01;

export function assembleResult(input: {
  window: { start: string; end: string };
  variants: VariantRef[];
  traffic: Record<number, number>;
  metrics: Metric[];
  primaryMetricId: number;
  settings: Settings;
  exposures: ExposureCounts;
  days: DayDelta[];
  /** Every variant of the flag by id, to name the ones outside the comparison. */
  variantKeys: ReadonlyMap<number, string>;
  /** Users served another variant than derived, per SDK source (see `assignment`). */
  mismatchedUsers: Record<string, number>;
  /** Users whose reported reason is not the derived one, per SDK source. */
  reasonDisagreements: Record<string, number>;
}): ExperimentResult {
  const { variants, metrics, settings } = input;
  const { final, byDay } = cumulate(input.days, variants, metrics.length);
  const comparisons: Comparison[] = [];
  const metricResults: MetricResult[] = metrics.map((metric, i) => {
    const { summaries: s, theta, raw, base, against } = ofMetric(final, i, metric, settings);
    return {
      metric: metric.key,
      name: metric.name,
      kind: metric.kind,
      direction: metric.direction,
      primary: metric.id === input.primaryMetricId,
      cuped: theta === null ? null : cupedFigures(raw, theta),
      variants: variants.map((variant, v) => {
        const summary = s[v] as Summary;
        const own = raw[v] as CovariateMoments;
        const result: VariantResult = {
          variant: variant.key,
          baseline: v === 0,
          users: summary.n,
          mean: summary.mean,
          variance: summary.variance,
          standardDeviation: Math.sqrt(summary.variance),
          standardError: summary.n > 0 ? Math.sqrt(summary.variance / summary.n) : null,
          sum: own.sum,
          ...(metric.kind === "conversion"
            ? { converters: own.sum, usersWithoutEvents: own.n - own.sum }
            : {}),
          ...(metric.kind === "average"
            ? { usersWithoutEvents: (final[v]?.exposed ?? 0) - own.n }
            : {}),
        };
        const degenerate = v > 0 ? notComparable(base, summary) : null;
        if (degenerate) result.notCompared = degenerate;
        else if (v > 0) {
          const compared = against(v);
          result.comparison = compared.result;
          comparisons.push({ metricIndex: i, variantIndex: v, ...compared });
        }
        return result;
      }),
    };
  });
  const adjusted = adjustPValues(
    comparisons.map((c) => c.testedP),
    settings.correction,
  );
  comparisons.forEach((c, k) => {
    const p = adjusted[k] ?? 1;
    c.result.adjustedPValue = p;
    const metric = metrics[c.metricIndex] as Metric;
    const better = metric.direction === "increase" ? 1 : -1;
    if (p < settings.alpha && c.result.difference !== 0)
      c.result.verdict = Math.sign(c.result.difference) === better ? "winning" : "losing";
  });

  const analysed: Record<string, number> = {};
  for (const v of variants) analysed[v.key] = input.exposures.perVariant.get(v.id) ?? 0;
  const otherVariants = [...input.exposures.perVariant]
    .filter(([id]) => !variants.some((v) => v.id === id))
    .reduce((sum, [, n]) => sum + n, 0);
  const notRandomised: ExperimentResult["exposures"]["notRandomised"] = [];
  for (const [id, users] of input.exposures.perVariant) {
    const { variantId, exclusion } = exposureClass(id);
    if (exclusion === null) continue;
    notRandomised.push({
      variant: input.variantKeys.get(variantId) ?? `#${variantId}`,
      reason: exclusion,
      users,
    });
  }
  notRandomised.sort((a, b) => b.users - a.users || a.variant.localeCompare(b.variant));
  const mismatched = Object.values(input.mismatchedUsers).reduce((a, b) => a + b, 0);
  const mismatchRate = input.exposures.total > 0 ? mismatched / input.exposures.total : 0;
  const weights = variants.map((v) => input.traffic[v.id] ?? 0);
  const observed = variants.map((v) => analysed[v.key] ?? 0);
  const srm = sampleRatioMismatch(observed, weights);
  const totalWeight = weights.reduce((a, b) => a + b, 0);

  const daily: DailyPoint[] = byDay.map(({ day, state }) => ({
    day,
    metrics: metrics.map((metric, i) => {
      const { summaries: s, base, against } = ofMetric(state, i, metric, settings);
      return {
        metric: metric.key,
        variants: variants.map((variant, v) => {
          const summary = s[v] as Summary;
          if (v === 0 || notComparable(base, summary))
            return {
              variant: variant.key,
              users: summary.n,
              mean: summary.mean,
              relativeLift: null,
              relativeLiftCi: null,
              chanceToBeat: null,
            };
          const c = against(v).result;
          return {
            variant: variant.key,
            users: summary.n,
            mean: summary.mean,
            relativeLift: c.relativeLift,
            relativeLiftCi: c.relativeLiftCi,
            chanceToBeat: c.chanceToBeat,
          };
        }),
      };
    }),
  }));

  return {
    window: input.window,
    correctionFamily: comparisons.length,
    exposures: {
      total: input.exposures.total,
      multipleVariants: input.exposures.multipleVariants,
      otherVariants,
      analysed,
      notRandomised,
    },
    assignment: {
      mismatchedUsers: input.mismatchedUsers,
      rate: mismatchRate,
      reasonDisagreements: input.reasonDisagreements,
      warning: assignmentWarning(input.mismatchedUsers, mismatchRate, input.reasonDisagreements),
    },
    srm: {
      expected: Object.fromEntries(
        variants.map((v, k) => [v.key, totalWeight > 0 ? (weights[k] ?? 0) / totalWeight : 0]),
      ),
      observed: analysed,
      expectedCounts: Object.fromEntries(
        variants.map((v, k) => [
          v.key,
          totalWeight > 0
            ? ((weights[k] ?? 0) / totalWeight) * observed.reduce((a, b) => a + b, 0)
            : 0,
        ]),
      ),
      df: variants.length - 1,
      chiSquare: srm.chiSquare,
      pValue: srm.pValue,
      mismatch: srm.mismatch,
    },
    metrics: metricResults,
    daily,
  };
}
