import { STRIDE } from "../events/exposure-class.js";
import type { AnalysedUser } from "./fold.js";
import type { ExposureCounts } from "./output.js";
import type { UserIndex } from "./user-index.js";
import { isoMs } from "./utc-days.js";

/** Impressions as columns: per row the user number, the variant and the time in ms. */
export interface ExposureRecords {
  user: Int32Array;
  variant: Int32Array;
  at: Float64Array;
}

/** No variant: a user of the analysis' rows not exposed (yet). */
const NONE = -3;

/**
 * Per user and variant the first impression at or after the window's start, whatever the end:
 * a user is exposed to a variant in [start, end) exactly when that first one lies before the
 * end, and it is then the first in-window one. Kept with an analysis' rows, new impressions
 * only lower a time or add a variant, so reading one twice changes nothing.
 */
export class Exposures {
  /** Per user (see UserIndex): the first variant seen (NONE: not exposed) and its first time. */
  private variant = new Int32Array(1 << 10).fill(NONE);
  private at = new Float64Array(1 << 10);
  /** A user's further variants, with their first times. */
  private readonly more = new Map<number, [number, number][]>();

  constructor(private readonly users: UserIndex) {}

  /** Users whose exposures changed since `changes` was last asked. */
  private changed = new Set<number>();

  /** One impression (or first in-window impression) of `variant` to the user at an ISO time. */
  add(key: string, variant: number, timestamp: string): void {
    this.addAt(this.users.of(key), variant, isoMs(timestamp));
  }

  /**
   * One impression of `variant` to user number `u` at `at` ms since 1970; `restored`: of a stored
   * state, not a change.
   */
  addAt(u: number, variant: number, at: number, restored = false): void {
    if (u >= this.variant.length) {
      const capacity = Math.max(this.variant.length * 2, u + 1);
      const grown = new Int32Array(capacity).fill(NONE);
      grown.set(this.variant);
      this.variant = grown;
      const times = new Float64Array(capacity);
      times.set(this.at);
      this.at = times;
    }
    if (this.variant[u] === NONE) {
      this.variant[u] = variant;
      this.at[u] = at;
    } else if (this.variant[u] === variant) {
      if (at >= (this.at[u] as number)) return;
      this.at[u] = at;
    } else {
      let others = this.more.get(u);
      if (!others) {
        others = [];
        this.more.set(u, others);
      }
      const known = others.find(([v]) => v === variant);
      if (!known) others.push([variant, at]);
      else if (at < known[1]) known[1] = at;
      else return;
    }
    if (!restored) this.changed.add(u);
  }

  /**
   * Every exposure of the users changed since last asked (all users: `all`), as impressions
   * that `addAt` turns into the same state on top of the one before.
   */
  changes(all: boolean): ExposureRecords {
    const users = all ? undefined : this.changed;
    this.changed = new Set();
    const user: number[] = [];
    const variant: number[] = [];
    const at: number[] = [];
    const record = (u: number) => {
      if (u >= this.variant.length || this.variant[u] === NONE) return;
      user.push(u);
      variant.push(this.variant[u] as number);
      at.push(this.at[u] as number);
      for (const [v, t] of this.more.get(u) ?? []) {
        user.push(u);
        variant.push(v);
        at.push(t);
      }
    };
    if (users) for (const u of users) record(u);
    else for (let u = 0; u < this.users.size; u++) record(u);
    return {
      user: Int32Array.from(user),
      variant: Int32Array.from(variant),
      at: Float64Array.from(at),
    };
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
    const held = Math.min(this.users.size, this.variant.length);
    for (let u = 0; u < held; u++) {
      if (this.variant[u] === NONE) continue;
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
      // exclusion code (rule before off, default, error).
      if (variant === -1 && lowest >= STRIDE) variant = lowest;
      exposures.total++;
      if (variant === -1) {
        exposures.multipleVariants++;
        continue;
      }
      exposures.perVariant.set(variant, (exposures.perVariant.get(variant) ?? 0) + 1);
      if (analysed.has(variant)) users.push({ user: u, variant, at });
    }
    return { exposures, users };
  }
}
