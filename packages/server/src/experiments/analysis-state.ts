import { type AnalysedUser, AnalysisFold } from "./analysis-fold.js";
import { type AnalysisInput, type ExposureCounts, PRE_PERIOD_DAYS } from "./analysis-output.js";
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
  builtAt: number;
}

/**
 * What decides an analysis' rows: the environment, the earliest time that can count, and the
 * metrics' event columns. Not the variants, the exposures or the end: those are applied to the
 * rows by `AnalysisFold.deltas`.
 */
export function foldSignature(input: AnalysisInput): string {
  return JSON.stringify([
    input.environmentId,
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

  constructor(private readonly maxBytes = KEPT_BYTES) {}

  /** The kept rows of `input`'s signature, or an empty fold to read everything into. */
  take(input: AnalysisInput, low: number, now = Date.now()): FoldState {
    const signature = foldSignature(input);
    const state = this.states.get(signature);
    this.states.delete(signature);
    if (state && state.low === low && now - state.builtAt < KEPT_MS) return state;
    return { fold: new AnalysisFold(input.metrics), low, high: low - 1, builtAt: now };
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

  /** Rows kept, over every signature. */
  get size(): number {
    let rows = 0;
    for (const state of this.states.values()) rows += state.fold.size;
    return rows;
  }
}

/**
 * The exposed users from first in-window impressions per user and variant ([user, variant,
 * ISO time]): each user's one variant, or several (excluded), and the first exposure; the
 * analysed ones are those of one variant among `variantIds`.
 */
export function exposedUsers(
  rows: Iterable<readonly [string, number, string]>,
  variantIds: number[],
): { exposures: ExposureCounts; users: AnalysedUser[] } {
  const byKey = new Map<string, { variant: number; at: string }>();
  for (const [key, variant, at] of rows) {
    const user = byKey.get(key);
    if (!user) byKey.set(key, { variant, at });
    else {
      if (user.variant !== variant) user.variant = -1;
      if (at < user.at) user.at = at;
    }
  }
  const analysed = new Set(variantIds);
  const exposures: ExposureCounts = {
    total: byKey.size,
    multipleVariants: 0,
    perVariant: new Map(),
  };
  const users: AnalysedUser[] = [];
  for (const [key, { variant, at }] of byKey) {
    if (variant === -1) {
      exposures.multipleVariants++;
      continue;
    }
    exposures.perVariant.set(variant, (exposures.perVariant.get(variant) ?? 0) + 1);
    if (analysed.has(variant)) users.push({ key, variant, at: isoMs(at) });
  }
  return { exposures, users };
}
