import type { RawBuilder } from "kysely";
import type { Dialect } from "../storage/dialects.js";
import { Exposures } from "./exposures.js";
import { AnalysisFold, DayIncrements } from "./fold.js";
import type { AnalysisInput } from "./output.js";
import { earliestCounted, exposedSql, newImpressionsSql, type Partition } from "./sql.js";
import { UserIndex } from "./user-index.js";

/** What the rows of analyses are kept in by default: past it the least recently used go. */
export const KEPT_BYTES = 1024 * 1024 * 1024;
/** A kept fold older than this is read again whole (events deleted since are forgotten). */
export const KEPT_MS = 24 * 3_600_000;

/**
 * An analysis' rows kept for the next: every metric event from the earliest time that can
 * count up to event id `high`, read when the lowest stored event id was `low`.
 */
export interface FoldState {
  /** The users of its rows and exposures. */
  users: UserIndex;
  fold: AnalysisFold;
  /** The last analysis' increments of these rows, for the next to update. */
  increments: DayIncrements;
  low: number;
  high: number;
  /** The exposures from impressions up to id `impressionsHigh`, read when the lowest was `impressionsLow`. */
  exposures: Exposures;
  impressionsLow: number;
  impressionsHigh: number;
  builtAt: number;
  /** What of it the database holds (see KeptStore), if anything. */
  stored?: StoredMark;
}

/** The last stored segment of a kept fold, and the users, rows and ids it holds up to. */
export interface StoredMark {
  segment: number;
  users: number;
  rows: number;
  high: number;
  impressionsHigh: number;
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
   * The kept rows of `input`'s signature, if still usable; `low` and `impressionsLow` are the
   * lowest stored event and impression ids.
   */
  take(
    input: AnalysisInput,
    low: number,
    impressionsLow: number,
    now = Date.now(),
  ): FoldState | undefined {
    const signature = foldSignature(input);
    const state = this.states.get(signature);
    this.states.delete(signature);
    return state && usable(state, low, impressionsLow, now) ? state : undefined;
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

/**
 * Whether kept rows read when the lowest stored ids were `low` and `impressionsLow` are still
 * those of the database: no event or impression deleted since (retention deletes the oldest),
 * and less than a day old.
 */
export function usable(
  kept: { low: number; impressionsLow: number; builtAt: number },
  low: number,
  impressionsLow: number,
  now: number,
): boolean {
  return kept.low === low && kept.impressionsLow === impressionsLow && now - kept.builtAt < KEPT_MS;
}

/** An empty fold and no exposures, to read everything into. */
export function freshState(
  input: AnalysisInput,
  low: number,
  impressionsLow: number,
  now = Date.now(),
): FoldState {
  const users = new UserIndex();
  return {
    users,
    fold: new AnalysisFold(input.metrics, users),
    increments: new DayIncrements(input.metrics.length),
    low,
    high: low - 1,
    exposures: new Exposures(users),
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
