// What an analysis asks the database and what it answers, whichever way it runs.
import type { Metric } from "../metrics/metric-service.js";

/** CUPED's covariate: the same metric over this many days before each user's exposure. */
export const PRE_PERIOD_DAYS = 14;

/** What the analysis asks the database. */
export interface AnalysisInput {
  environmentId: number;
  flagKey: string;
  /** Variant ids analysed: the baseline and the compared ones. */
  variantIds: number[];
  start: string;
  end: string;
  metrics: Metric[];
  /** Whether to collect the pre-exposure covariates (CUPED). */
  cuped: boolean;
}

/** Per variant and day: what changed in the cumulative sufficient statistics of each metric. */
export interface DayDelta {
  variant: number;
  day: string;
  /** New users exposed that day, and (CUPED) the sums of their covariates. */
  exposed: number;
  x: number[];
  xx: number[];
  /** Per metric: increments of Σy, Σy², Σxy and (average metrics) of the users with a value. */
  y: number[];
  yy: number[];
  xy: number[];
  valued: number[];
}

/** A DayDelta with nothing in it yet. */
export function emptyDayDelta(variant: number, day: string, metrics: number): DayDelta {
  const zeros = () => new Array<number>(metrics).fill(0);
  return {
    variant,
    day,
    exposed: 0,
    x: zeros(),
    xx: zeros(),
    y: zeros(),
    yy: zeros(),
    xy: zeros(),
    valued: zeros(),
  };
}

/** Orders DayDeltas by day, then variant. */
export function byDayThenVariant(a: DayDelta, b: DayDelta): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : a.variant - b.variant;
}

/** What the database answers. */
export interface AnalysisOutput {
  exposures: ExposureCounts;
  days: DayDelta[];
  /** How the engine ran it (for logs and /metrics). */
  run?: AnalysisRun;
}

/**
 * How an analysis ran: `kept` read only the rows stored since the last one, `stored` went on
 * from the rows an earlier process stored (see KeptStore), `full` read every row and kept
 * them, `unkept` read every row and kept none (PostgreSQL writers still open), `passes` read
 * every row in several passes over the users (over the memory budget).
 */
export interface AnalysisRun {
  way: "kept" | "stored" | "full" | "unkept" | "passes";
  /** Metric event rows read. */
  rows: number;
  passes: number;
  /** Milliseconds spent reading rows (or restoring kept ones), and folding them into the output. */
  readMs: number;
  foldMs: number;
  /** Why storing the last analysis' rows, or reading stored ones, failed (see KeptStore); the results stand. */
  storeError?: string;
}

/** Who was exposed in the window. */
export interface ExposureCounts {
  /** Users with an in-window impression of the flag. */
  total: number;
  /** Users who saw more than one variant (excluded everywhere). */
  multipleVariants: number;
  /** Users of one variant each, per variant id (0: unknown). */
  perVariant: Map<number, number>;
}

/** DayDeltas by variant and day, each made empty on first use. */
export class DayTable {
  private readonly byKey = new Map<string, DayDelta>();

  constructor(private readonly metrics: number) {}

  at(variant: number, day: string): DayDelta {
    const key = `${variant}\u0000${day}`;
    let delta = this.byKey.get(key);
    if (!delta) {
      delta = emptyDayDelta(variant, day, this.metrics);
      this.byKey.set(key, delta);
    }
    return delta;
  }

  /** Every DayDelta, by day, then variant. */
  sorted(): DayDelta[] {
    return [...this.byKey.values()].sort(byDayThenVariant);
  }
}

/** The sum of analyses of disjoint sets of users: the analysis of all of them. */
export function mergeOutputs(outputs: AnalysisOutput[], metrics: number): AnalysisOutput {
  const exposures: ExposureCounts = { total: 0, multipleVariants: 0, perVariant: new Map() };
  const table = new DayTable(metrics);
  for (const output of outputs) {
    exposures.total += output.exposures.total;
    exposures.multipleVariants += output.exposures.multipleVariants;
    for (const [variant, n] of output.exposures.perVariant)
      exposures.perVariant.set(variant, (exposures.perVariant.get(variant) ?? 0) + n);
    for (const day of output.days) {
      const sum = table.at(day.variant, day.day);
      sum.exposed += day.exposed;
      for (const field of ["x", "xx", "y", "yy", "xy", "valued"] as const)
        for (let i = 0; i < metrics; i++)
          sum[field][i] = (sum[field][i] as number) + (day[field][i] as number);
    }
  }
  return { exposures, days: table.sorted() };
}
