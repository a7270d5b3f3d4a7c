import type { RawBuilder } from "kysely";
import { STRIDE } from "../events/exposure-class.js";
import type { Dialect } from "../storage/dialects.js";
import { type AnalysedUser, AnalysisFold } from "./analysis-fold.js";
import { type AnalysisInput, type ExposureCounts, PRE_PERIOD_DAYS } from "./analysis-output.js";
import { exposedSql, newImpressionsSql, type Partition } from "./analysis-sql.js";
import { daysBefore, isoMs } from "./utc-days.js";

/** What the rows of analyses are kept in by default: past it the least recently used go. */
export const KEPT_BYTES = 1024 * 1024 * 1024;
/** A kept fold older than this is read again whole (events deleted since are forgotten). */
const KEPT_MS = 24 * 3_600_000;

/**
 * An analysis' rows kept for the next: every metric event from the earliest time that can
 * count up to event id `high`, read when the lowest stored event id was `low`.
 */
export interface FoldState {
  fold: AnalysisFold;
  low: number;
  high: number;
  /** The exposures from impressions up to id `impressionsHigh`, read when the lowest was `impressionsLow`. */
  exposures: Exposures;
  impressionsLow: number;
  impressionsHigh: number;
  builtAt: number;
}

/**
 * What decides an analysis' rows: the environment, the flag and start (exposures), the earliest
 * time that can count, and the metrics' event columns. Not the variants or the end: those are
 * applied by `Exposures.analysed` and `AnalysisFold.deltas`.
 */
export function foldSignature(input: AnalysisInput): string {
  return JSON.stringify([
    input.environmentId,
    input.flagKey,
    input.start,
    earliestCounted(input),
    input.metrics.map((m) => [m.eventKey, m.kind, m.valuePath, m.filters]),
  ]);
}

/** The earliest event time any analysed user can count: the start, or 14 days before (CUPED). */
export function earliestCounted(input: AnalysisInput): string {
  return input.cuped ? daysBefore(input.start, PRE_PERIOD_DAYS) : input.start;
}

/**
 * The rows of recent analyses by signature, so that the next analysis of an experiment reads
 * only the events stored since (a periodic refresh, or a user looking again). A fold is read
 * whole again when the lowest stored event id changed (retention deleted events) or it is a
 * day old; the least recently used go when they hold more than `maxBytes`.
 */
export class FoldStates {
  private readonly states = new Map<string, FoldState>();

  constructor(readonly maxBytes = KEPT_BYTES) {}

  /**
   * The kept rows of `input`'s signature, or an empty fold to read everything into; `low` and
   * `impressionsLow` are the lowest stored event and impression ids.
   */
  take(input: AnalysisInput, low: number, impressionsLow: number, now = Date.now()): FoldState {
    const signature = foldSignature(input);
    const state = this.states.get(signature);
    this.states.delete(signature);
    if (
      state &&
      state.low === low &&
      state.impressionsLow === impressionsLow &&
      now - state.builtAt < KEPT_MS
    )
      return state;
    return freshState(input, low, impressionsLow, now);
  }

  /** Keeps `state` as the most recently used of its signature. */
  keep(input: AnalysisInput, state: FoldState): void {
    if (state.fold.bytes > this.maxBytes) return;
    this.states.set(foldSignature(input), state);
    let total = 0;
    for (const kept of this.states.values()) total += kept.fold.bytes;
    for (const [signature, kept] of this.states) {
      if (total <= this.maxBytes) break;
      this.states.delete(signature);
      total -= kept.fold.bytes;
    }
  }
}

/** An empty fold and no exposures, to read everything into. */
export function freshState(
  input: AnalysisInput,
  low: number,
  impressionsLow: number,
  now = Date.now(),
): FoldState {
  return {
    fold: new AnalysisFold(input.metrics),
    low,
    high: low - 1,
    exposures: new Exposures(),
    impressionsLow,
    impressionsHigh: impressionsLow - 1,
    builtAt: now,
  };
}

/**
 * What brings `state`'s exposures up to the impression with id `high`: the exposures table
 * (first in-window impressions, the end left open) when it has none yet, else the impressions
 * stored since; rows of (user_key, variant_id, time) for `Exposures.add`.
 */
export function exposuresSince(
  input: AnalysisInput,
  state: FoldState,
  high: number,
  dialect: Dialect,
  partition?: Partition,
): RawBuilder<unknown> {
  if (state.impressionsHigh < state.impressionsLow)
    return exposedSql(input, dialect, partition, false);
  if (partition) throw new Error("only a first read is partitioned");
  return newImpressionsSql(input, state.impressionsHigh + 1, high);
}

/**
 * Per user and variant the first impression at or after the window's start, whatever the end:
 * a user is exposed to a variant in [start, end) exactly when that first one lies before the
 * end, and it is then the first in-window one. Kept with an analysis' rows, new impressions
 * only lower a time or add a variant, so reading one twice changes nothing.
 */
export class Exposures {
  private readonly index = new Map<string, number>();
  private readonly keys: string[] = [];
  private variant = new Int32Array(1 << 10);
  private at = new Float64Array(1 << 10);
  /** A user's further variants, with their first times. */
  private readonly more = new Map<number, [number, number][]>();

  /** One impression (or first in-window impression) of `variant` to the user at an ISO time. */
  add(key: string, variant: number, timestamp: string): void {
    const at = isoMs(timestamp);
    let u = this.index.get(key);
    if (u === undefined) {
      u = this.keys.length;
      if (u === this.variant.length) {
        const grown = new Int32Array(u * 2);
        grown.set(this.variant);
        this.variant = grown;
        const times = new Float64Array(u * 2);
        times.set(this.at);
        this.at = times;
      }
      this.index.set(key, u);
      this.keys.push(key);
      this.variant[u] = variant;
      this.at[u] = at;
      return;
    }
    if (this.variant[u] === variant) {
      if (at < (this.at[u] as number)) this.at[u] = at;
      return;
    }
    let others = this.more.get(u);
    if (!others) {
      others = [];
      this.more.set(u, others);
    }
    const known = others.find(([v]) => v === variant);
    if (!known) others.push([variant, at]);
    else if (at < known[1]) known[1] = at;
  }

  /**
   * The users exposed before `end` (ms since 1970): how many per variant or with several, and
   * the analysed ones (one variant among `variantIds`) with their first exposure.
   */
  analysed(
    variantIds: number[],
    end: number,
  ): { exposures: ExposureCounts; users: AnalysedUser[] } {
    const analysed = new Set(variantIds);
    const exposures: ExposureCounts = { total: 0, multipleVariants: 0, perVariant: new Map() };
    const users: AnalysedUser[] = [];
    for (let u = 0; u < this.keys.length; u++) {
      let variant = -2;
      let lowest = Number.POSITIVE_INFINITY;
      let at = this.at[u] as number;
      if (at < end) variant = lowest = this.variant[u] as number;
      const others = this.more.get(u);
      if (others)
        for (const [v, t] of others) {
          if (t >= end) continue;
          lowest = Math.min(lowest, v);
          if (variant === -2) {
            variant = v;
            at = t;
          } else {
            variant = -1;
            if (t < at) at = t;
          }
        }
      if (variant === -2) continue;
      // Served several ways, none of them by the rollout: not randomised, under the lowest
      // exclusion (as the SQL analysis classes them).
      if (variant === -1 && lowest >= STRIDE) variant = lowest;
      exposures.total++;
      if (variant === -1) {
        exposures.multipleVariants++;
        continue;
      }
      exposures.perVariant.set(variant, (exposures.perVariant.get(variant) ?? 0) + 1);
      if (analysed.has(variant)) users.push({ key: this.keys[u] as string, variant, at });
    }
    return { exposures, users };
  }
}
