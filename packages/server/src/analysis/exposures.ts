import { STRIDE } from "../events/exposure-class.js";
import type { AnalysedUser } from "./fold.js";
import type { ExposureCounts } from "./output.js";
import { isoMs } from "./utc-days.js";

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
      // exclusion code (rule before off, default, error).
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
