import { KIND_DEFINITIONS, type KindDefinition } from "../metrics/metric-kinds.js";
import type { Metric } from "../metrics/metric-service.js";
import { byDayThenVariant, type DayDelta, emptyDayDelta, PRE_PERIOD_DAYS } from "./output.js";
import { type PackedStrings, packStrings, unpackStrings } from "./packed-strings.js";
import type { UserIndex } from "./user-index.js";
import { DAY, dayString, isoMs } from "./utc-days.js";

/** An analysed user (see UserIndex): the one variant, and the first in-window exposure in ms since 1970. */
export interface AnalysedUser {
  user: number;
  variant: number;
  at: number;
}

/** A fold's event rows: per row the user (an index into keys), the time and the metric columns. */
export interface FoldRows {
  count: number;
  keys: PackedStrings;
  user: Int32Array;
  time: Float64Array;
  values: Float64Array;
}

const PRE = -1;
/** A user with more chosen rows than this has them ordered by a sort, not by insertion. */
const INSERTION_ROWS = 32;

/**
 * The metrics' events as rows, kept from one analysis to the next, and the per-user side of the
 * analysis. Each matching event is appended once (`add`), for any user, exposed yet or not, with
 * its time and per metric its column; a later analysis appends only the events stored since.
 * Each user's rows are chained in the order they came (`next`), so one user's rows are found
 * without grouping them all.
 *
 * `contribute` is one user's share of the per-(variant, day) increments of Σy, Σy² and Σxy and of
 * the covariate cohorts: the user's rows that count (at or after the exposure, or in the CUPED
 * pre-period, and before the end), summed per day, turned into running per-metric values
 * (checked against the plain-code oracle of the tests, test/support/analysis-oracle.ts).
 * DayIncrements adds and takes back these shares as users change.
 */
export class AnalysisFold {
  private readonly width: number;
  private readonly kinds: KindDefinition[];
  private count = 0;
  private rowUser = new Int32Array(1 << 12);
  private rowTime = new Float64Array(1 << 12);
  /** Per row and metric: 0/1 for counted metrics, the value or NaN (none) for valued ones. */
  private rowValues: Float64Array;
  /** Per row the next row of its user (-1: none); per user its first and last row. */
  private rowNext = new Int32Array(1 << 12);
  private first = new Int32Array(0);
  private last = new Int32Array(0);
  /** Rows chained so far. */
  private chained = 0;
  /** One user's counted rows and their days, and sums per day (see contribute). */
  private chosenRow = new Int32Array(64);
  private chosenDay = new Int32Array(64);
  private readonly daySums: Float64Array[] = [];

  constructor(
    metrics: Metric[],
    private readonly users: UserIndex,
  ) {
    this.width = metrics.length;
    this.kinds = metrics.map((metric) => KIND_DEFINITIONS[metric.kind]);
    this.rowValues = new Float64Array((1 << 12) * this.width);
  }

  /** Bytes counted per row of `metrics` metric columns: 20 for user, next row and time, 8 per metric. */
  static rowBytes(metrics: number): number {
    return 20 + 8 * metrics;
  }

  /** Rows added so far. */
  get size(): number {
    return this.count;
  }

  /** Bytes the rows take. */
  get bytes(): number {
    return (
      this.rowUser.byteLength +
      this.rowNext.byteLength +
      this.rowTime.byteLength +
      this.rowValues.byteLength
    );
  }

  /** One event row: its user, ISO time, and per metric its column (see rowValues). */
  add(userKey: string, timestamp: string, values: ArrayLike<unknown>, offset: number): void {
    if (this.count === this.rowUser.length) this.grow();
    const row = this.count++;
    this.rowUser[row] = this.users.of(userKey);
    this.rowTime[row] = isoMs(timestamp);
    const base = row * this.width;
    for (let i = 0; i < this.width; i++) {
      const value = values[offset + i];
      this.rowValues[base + i] = typeof value === "number" ? value : Number.NaN;
    }
  }

  /** Makes room for `rows` more rows at once (a scan that knows roughly how many it brings). */
  reserve(rows: number): void {
    if (this.rowUser.length < this.count + rows) this.grow(this.count + rows);
  }

  /** The rows added so far, for another fold (see `append`). */
  rows(): FoldRows {
    return {
      count: this.count,
      keys: packStrings(this.users.keys),
      user: this.rowUser.slice(0, this.count),
      time: this.rowTime.slice(0, this.count),
      values: this.rowValues.slice(0, this.count * this.width),
    };
  }

  /** Rows another fold of the same metrics collected. */
  append(rows: FoldRows): void {
    this.reserve(rows.count);
    const users = unpackStrings(rows.keys).map((key) => this.users.of(key));
    for (let r = 0; r < rows.count; r++)
      this.rowUser[this.count + r] = users[rows.user[r] as number] as number;
    this.rowTime.set(rows.time, this.count);
    this.rowValues.set(rows.values, this.count * this.width);
    this.count += rows.count;
  }

  /** Rows from number `from` on (see `restore`); the users are UserIndex numbers. */
  rowsFrom(from: number): { user: Int32Array; time: Float64Array; values: Float64Array } {
    return {
      user: this.rowUser.subarray(from, this.count),
      time: this.rowTime.subarray(from, this.count),
      values: this.rowValues.subarray(from * this.width, this.count * this.width),
    };
  }

  /** Rows `rowsFrom` gave, of the same users. */
  restore(user: Int32Array, time: Float64Array, values: Float64Array): void {
    this.reserve(user.length);
    this.rowUser.set(user, this.count);
    this.rowTime.set(time, this.count);
    this.rowValues.set(values, this.count * this.width);
    this.count += user.length;
  }

  private grow(needed = this.count + 1): void {
    const capacity = Math.max(this.rowUser.length * 2, needed);
    const user = new Int32Array(capacity);
    user.set(this.rowUser.subarray(0, this.count));
    this.rowUser = user;
    const next = new Int32Array(capacity);
    next.set(this.rowNext.subarray(0, this.chained));
    this.rowNext = next;
    const time = new Float64Array(capacity);
    time.set(this.rowTime.subarray(0, this.count));
    this.rowTime = time;
    const values = new Float64Array(capacity * this.width);
    values.set(this.rowValues.subarray(0, this.count * this.width));
    this.rowValues = values;
  }

  /** Chains the rows added since the last call to their users' rows. */
  private chain(): void {
    const held = this.users.size;
    if (this.first.length < held) {
      const capacity = Math.max(held, this.first.length * 2);
      const first = new Int32Array(capacity).fill(-1);
      first.set(this.first);
      this.first = first;
      const last = new Int32Array(capacity).fill(-1);
      last.set(this.last);
      this.last = last;
    }
    for (let r = this.chained; r < this.count; r++) {
      const u = this.rowUser[r] as number;
      const last = this.last[u] as number;
      if (last < 0) this.first[u] = r;
      else this.rowNext[last] = r;
      this.rowNext[r] = -1;
      this.last[u] = r;
    }
    this.chained = this.count;
  }

  /** Marks the users of rows `from` to `to` (exclusive) whose time lies in [after, before). */
  markUsers(
    marks: Uint8Array,
    from: number,
    to: number,
    after = -Infinity,
    before = Infinity,
  ): void {
    for (let r = from; r < to; r++) {
      const time = this.rowTime[r] as number;
      if (time >= after && time < before) marks[this.rowUser[r] as number] = 1;
    }
  }

  /**
   * Adds `sign` times user `u`'s share to `sums`: the user exposed to `variant` at `at` (ms since
   * 1970), over the rows before row `limit` whose times lie before `end`.
   */
  contribute(
    u: number,
    limit: number,
    variant: number,
    at: number,
    end: number,
    cuped: boolean,
    sign: 1 | -1,
    sums: DayIncrements,
  ): void {
    if (this.chained < this.count) this.chain();
    const m = this.width;
    const kinds = this.kinds;
    const preMs = cuped ? PRE_PERIOD_DAYS * DAY : 0;
    // The rows that count, each with its day (PRE: pre-period), ordered by day (stable).
    let k = 0;
    for (let r = u < this.first.length ? (this.first[u] as number) : -1; r >= 0 && r < limit; ) {
      const time = this.rowTime[r] as number;
      if (time < end && time >= at - preMs) {
        if (k === this.chosenRow.length) {
          const rows = new Int32Array(k * 2);
          rows.set(this.chosenRow);
          this.chosenRow = rows;
          const days = new Int32Array(k * 2);
          days.set(this.chosenDay);
          this.chosenDay = days;
        }
        this.chosenRow[k] = r;
        this.chosenDay[k] = time >= at ? Math.floor(time / DAY) : PRE;
        k++;
      }
      r = this.rowNext[r] as number;
    }
    this.orderByDay(k);
    const cohort = sums.bin(variant, Math.floor(at / DAY));
    cohort.users += sign;

    // Sums per day (c: matching events, s: sum of values, n: number of values), for the
    // pre-period and each day after exposure in order.
    const pre = new Float64Array(3 * m);
    let hasPre = false;
    let postDays = 0;
    const dayOf: number[] = [];
    let current: Float64Array = pre;
    let currentDay = PRE - 1;
    for (let a = 0; a < k; a++) {
      const day = this.chosenDay[a] as number;
      if (day !== currentDay) {
        currentDay = day;
        if (day === PRE) {
          current = pre;
          hasPre = true;
        } else {
          let sumsOfDay = this.daySums[postDays];
          if (sumsOfDay) sumsOfDay.fill(0);
          else {
            sumsOfDay = new Float64Array(3 * m);
            this.daySums.push(sumsOfDay);
          }
          current = sumsOfDay;
          dayOf[postDays++] = day;
        }
      }
      const base = (this.chosenRow[a] as number) * m;
      for (let i = 0; i < m; i++) {
        const value = this.rowValues[base + i] as number;
        if ((kinds[i] as KindDefinition).column === "match") (current[3 * i] as number) += value;
        else if (!Number.isNaN(value)) {
          (current[3 * i + 1] as number) += value;
          (current[3 * i + 2] as number)++;
        }
      }
    }
    // Covariates: the same per-user metric over the 14 days before exposure.
    cohort.delta.exposed += sign;
    const x = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      x[i] =
        cuped && hasPre
          ? (kinds[i] as KindDefinition).covariate(
              pre[3 * i] as number,
              pre[3 * i + 1] as number,
              pre[3 * i + 2] as number,
            )
          : 0;
      const delta = cohort.delta;
      delta.x[i] = (delta.x[i] as number) + sign * (x[i] as number);
      delta.xx[i] = (delta.xx[i] as number) + sign * (x[i] as number) * (x[i] as number);
    }
    // Each day the user's running per-metric values change.
    const cc = new Float64Array(m);
    const cs = new Float64Array(m);
    const cn = new Float64Array(m);
    for (let d = 0; d < postDays; d++) {
      const s = this.daySums[d] as Float64Array;
      const bin = sums.bin(variant, dayOf[d] as number);
      bin.users += sign;
      const delta = bin.delta;
      for (let i = 0; i < m; i++) {
        const c = s[3 * i] as number;
        const sum = s[3 * i + 1] as number;
        const n = s[3 * i + 2] as number;
        // No event of this metric that day: the user's value stays.
        if (c === 0 && n === 0) continue;
        const kind = kinds[i] as KindDefinition;
        const was = kind.perUser(cc[i] as number, cs[i] as number, cn[i] as number);
        const now = kind.perUser(
          (cc[i] as number) + c,
          (cs[i] as number) + sum,
          (cn[i] as number) + n,
        );
        if (kind.onlyValued && (cn[i] as number) === 0 && n > 0)
          delta.valued[i] = (delta.valued[i] as number) + sign;
        cc[i] = (cc[i] as number) + c;
        cs[i] = (cs[i] as number) + sum;
        cn[i] = (cn[i] as number) + n;
        const change = now - was;
        delta.y[i] = (delta.y[i] as number) + sign * change;
        delta.yy[i] = (delta.yy[i] as number) + sign * (now * now - was * was);
        delta.xy[i] = (delta.xy[i] as number) + sign * (x[i] as number) * change;
      }
    }
  }

  /** Orders the first `k` chosen rows by day, keeping their order within a day. */
  private orderByDay(k: number): void {
    const rows = this.chosenRow;
    const days = this.chosenDay;
    if (k <= INSERTION_ROWS) {
      for (let a = 1; a < k; a++) {
        const row = rows[a] as number;
        const day = days[a] as number;
        let j = a - 1;
        while (j >= 0 && (days[j] as number) > day) {
          rows[j + 1] = rows[j] as number;
          days[j + 1] = days[j] as number;
          j--;
        }
        rows[j + 1] = row;
        days[j + 1] = day;
      }
      return;
    }
    // Many rows (a heavy user): a numeric sort of day and position.
    const keys = new Float64Array(k);
    for (let a = 0; a < k; a++) keys[a] = ((days[a] as number) - PRE) * 2 ** 32 + a;
    keys.sort();
    const sortedRows = rows.slice(0, k);
    for (let a = 0; a < k; a++) {
      const from = (keys[a] as number) % 2 ** 32;
      rows[a] = sortedRows[from] as number;
      days[a] = Math.floor((keys[a] as number) / 2 ** 32) + PRE;
    }
  }
}

/** DayIncrements as numbers: per bin its variant, day, users, exposed, then each metric field. */
export interface IncrementsSnapshot {
  settings: string;
  end: number;
  rows: number;
  variant: Int32Array;
  at: Float64Array;
  bins: Float64Array;
}

/** A (variant, day)'s increments, and how many user-days make it up (none: not in the output). */
interface Bin {
  delta: DayDelta;
  users: number;
}

/**
 * The per-(variant, day) increments of an analysis, kept with its rows: the next analysis of
 * the same variants and CUPED takes back the shares of the users whose rows or exposures changed
 * and adds their new ones (AnalysisFold.contribute), instead of going over every user again.
 * Shares are recomputed from the same rows, so what is taken back is what was added.
 */
export class DayIncrements {
  private readonly variants = new Map<number, Map<number, Bin>>();
  /** What the increments are of: settings, the end, the rows, and each user's variant and time. */
  private settings = "";
  private end = Number.NEGATIVE_INFINITY;
  private rows = 0;
  private variant: Int32Array = new Int32Array(0);
  private at: Float64Array = new Float64Array(0);
  private built = false;

  constructor(private readonly width: number) {}

  /** What the increments are, for `restore` in another process (none before the first update). */
  snapshot(): IncrementsSnapshot | undefined {
    if (!this.built) return undefined;
    const fields = ["x", "xx", "y", "yy", "xy", "valued"] as const;
    const bins: number[] = [];
    for (const [variant, days] of this.variants)
      for (const [day, { delta, users }] of days) {
        bins.push(variant, day, users, delta.exposed);
        for (const field of fields) bins.push(...delta[field]);
      }
    return {
      settings: this.settings,
      end: this.end,
      rows: this.rows,
      variant: this.variant,
      at: this.at,
      bins: Float64Array.from(bins),
    };
  }

  /** Increments another process' `snapshot` gave. */
  restore(snapshot: IncrementsSnapshot): void {
    const m = this.width;
    const size = 4 + 6 * m;
    this.variants.clear();
    for (let b = 0; b < snapshot.bins.length; b += size) {
      const at = (k: number) => snapshot.bins[b + k] as number;
      const bin = this.bin(at(0), at(1));
      bin.users = at(2);
      bin.delta.exposed = at(3);
      (["x", "xx", "y", "yy", "xy", "valued"] as const).forEach((field, f) => {
        for (let i = 0; i < m; i++) bin.delta[field][i] = at(4 + f * m + i);
      });
    }
    this.settings = snapshot.settings;
    this.end = snapshot.end;
    this.rows = snapshot.rows;
    this.variant = snapshot.variant;
    this.at = snapshot.at;
    this.built = true;
  }

  bin(variant: number, day: number): Bin {
    let days = this.variants.get(variant);
    if (!days) {
      days = new Map();
      this.variants.set(variant, days);
    }
    let bin = days.get(day);
    if (!bin) {
      bin = { delta: emptyDayDelta(variant, dayString(day), this.width), users: 0 };
      days.set(day, bin);
    }
    return bin;
  }

  /**
   * The increments of the analysed `users` (UserIndex numbers of `held` users) over `fold`'s
   * rows before `end`, sorted by day then variant.
   */
  update(
    fold: AnalysisFold,
    held: number,
    users: AnalysedUser[],
    end: number,
    variantIds: number[],
    cuped: boolean,
  ): DayDelta[] {
    const variant = new Int32Array(held).fill(-1);
    const at = new Float64Array(held);
    for (const user of users) {
      variant[user.user] = user.variant;
      at[user.user] = user.at;
    }
    const settings = JSON.stringify([variantIds, cuped]);
    const rows = fold.size;
    if (!this.built || settings !== this.settings || end < this.end) {
      this.variants.clear();
      for (const user of users)
        fold.contribute(user.user, rows, user.variant, user.at, end, cuped, 1, this);
    } else {
      // Users whose share may differ: another variant or time, new rows, or rows (and so
      // exposures) that the later end now counts.
      const marks = new Uint8Array(held);
      for (let u = 0; u < held; u++) {
        const was = u < this.variant.length ? (this.variant[u] as number) : -1;
        if (was !== variant[u] || (was >= 0 && this.at[u] !== at[u])) marks[u] = 1;
      }
      fold.markUsers(marks, this.rows, rows);
      if (end > this.end) fold.markUsers(marks, 0, this.rows, this.end, end);
      for (let u = 0; u < held; u++) {
        if (marks[u] === 0) continue;
        const was = u < this.variant.length ? (this.variant[u] as number) : -1;
        if (was >= 0)
          fold.contribute(u, this.rows, was, this.at[u] as number, this.end, cuped, -1, this);
        if ((variant[u] as number) >= 0)
          fold.contribute(u, rows, variant[u] as number, at[u] as number, end, cuped, 1, this);
      }
    }
    this.built = true;
    this.settings = settings;
    this.end = end;
    this.rows = rows;
    this.variant = variant;
    this.at = at;
    const deltas: DayDelta[] = [];
    for (const days of this.variants.values())
      for (const [day, bin] of days) {
        if (bin.users === 0) days.delete(day);
        else deltas.push(structuredClone(bin.delta));
      }
    return deltas.sort(byDayThenVariant);
  }
}
