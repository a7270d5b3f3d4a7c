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

/**
 * The metrics' events as rows, kept from one analysis to the next, and the per-user side of the
 * analysis as one streaming pass over them. Each matching event is appended once (`add`), for
 * any user, exposed yet or not, with its time and per metric its column: a later analysis only
 * appends the events stored since, and `deltas` decides with that analysis' exposures which rows
 * count (at or after the user's exposure, or in the CUPED pre-period, and before the window end).
 *
 * `deltas` groups the counted rows by user with a counting sort (SQLite's GROUP BY sorts every
 * row, which made grouping two million events most of an analysis), sums them per user and day,
 * and turns each user's running per-metric values into the per-(variant, day) increments of Σy,
 * Σy² and Σxy, with the covariate cohorts per exposure day (checked against the plain-code
 * oracle of the tests, test/support/analysis-oracle.ts).
 */
export class AnalysisFold {
  private readonly width: number;
  private count = 0;
  private rowUser = new Int32Array(1 << 12);
  private rowTime = new Float64Array(1 << 12);
  /** Per row and metric: 0/1 for counted metrics, the value or NaN (none) for valued ones. */
  private rowValues: Float64Array;

  constructor(
    private readonly metrics: Metric[],
    private readonly users: UserIndex,
  ) {
    this.width = metrics.length;
    this.rowValues = new Float64Array((1 << 12) * this.width);
  }

  /** Bytes counted per row of `metrics` metric columns: 16 for user index and time, 8 per metric. */
  static rowBytes(metrics: number): number {
    return 16 + 8 * metrics;
  }

  /** Rows added so far. */
  get size(): number {
    return this.count;
  }

  /** Bytes the rows take. */
  get bytes(): number {
    return this.rowUser.byteLength + this.rowTime.byteLength + this.rowValues.byteLength;
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
    const time = new Float64Array(capacity);
    time.set(this.rowTime.subarray(0, this.count));
    this.rowTime = time;
    const values = new Float64Array(capacity * this.width);
    values.set(this.rowValues.subarray(0, this.count * this.width));
    this.rowValues = values;
  }

  /**
   * The cumulative statistics' increments per variant and day, sorted by day then variant, of
   * the analysed `users` over the rows before `end` (ms since 1970).
   */
  deltas(users: AnalysedUser[], end: number, cuped: boolean): DayDelta[] {
    const m = this.width;
    const kinds = this.metrics.map((metric) => KIND_DEFINITIONS[metric.kind]);
    const counted = kinds.map((kind) => kind.column === "match");
    const preMs = cuped ? PRE_PERIOD_DAYS * DAY : 0;
    const held = this.users.size;
    const atOf = new Float64Array(held).fill(Number.NaN);
    for (const user of users) atOf[user.user] = user.at;
    // The rows that count: an analysed user's, from the pre-period (CUPED) or the exposure on,
    // before the end; each with its day (PRE: pre-period).
    const chosen = new Int32Array(this.count);
    const chosenUser = new Int32Array(this.count);
    const chosenDay = new Int32Array(this.count);
    let k = 0;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < this.count; r++) {
      const u = this.rowUser[r] as number;
      const at = atOf[u] as number;
      const time = this.rowTime[r] as number;
      // NaN (not analysed) fails both comparisons.
      if (!(time < end && time >= at - preMs)) continue;
      chosen[k] = r;
      chosenUser[k] = u;
      if (time >= at) {
        const day = Math.floor(time / DAY);
        chosenDay[k] = day;
        if (day < lo) lo = day;
        if (day > hi) hi = day;
      } else chosenDay[k] = PRE;
      k++;
    }
    // Rows ordered by user (a counting sort), then within each user by day, the pre-period
    // first (an insertion sort: a user has a handful of rows).
    const starts = new Int32Array(held + 1);
    const order = countingSort(k, held, (c) => chosenUser[c] as number, starts);
    for (let u = 0; u < held; u++) {
      const first = starts[u] as number;
      const last = starts[u + 1] as number;
      for (let a = first + 1; a < last; a++) {
        const c = order[a] as number;
        const day = chosenDay[c] as number;
        let j = a - 1;
        while (j >= first && (chosenDay[order[j] as number] as number) > day) {
          order[j + 1] = order[j] as number;
          j--;
        }
        order[j + 1] = c;
      }
    }
    // The increments per variant and day, in an array per variant indexed by the day.
    for (const user of users) {
      const day = Math.floor(user.at / DAY);
      if (day < lo) lo = day;
      if (day > hi) hi = day;
    }
    const span = Number.isFinite(lo) ? hi - lo + 1 : 0;
    const perVariant = new Map<number, (DayDelta | undefined)[]>();
    const daysOf = (variant: number) => {
      let days = perVariant.get(variant);
      if (!days) {
        days = new Array<DayDelta | undefined>(span);
        perVariant.set(variant, days);
      }
      return days;
    };
    const bin = (days: (DayDelta | undefined)[], variant: number, day: number): DayDelta => {
      let delta = days[day - lo];
      if (!delta) {
        delta = emptyDayDelta(variant, dayString(day), m);
        days[day - lo] = delta;
      }
      return delta;
    };

    // Per user: sums per day (c: matching events, s: sum of values, n: number of values), for the
    // pre-period and for each day after exposure in order.
    const daySums: Float64Array[] = [];
    const dayOf: number[] = [];
    const preSums = new Float64Array(3 * m);
    const x = new Float64Array(m);
    const cc = new Float64Array(m);
    const cs = new Float64Array(m);
    const cn = new Float64Array(m);
    for (const user of users) {
      const rowsFrom = starts[user.user] as number;
      const rowsTo = starts[user.user + 1] as number;
      let postDays = 0;
      let hasPre = false;
      preSums.fill(0);
      let current: Float64Array | undefined;
      let currentDay = PRE - 1;
      for (let a = rowsFrom; a < rowsTo; a++) {
        const c = order[a] as number;
        const day = chosenDay[c] as number;
        if (day !== currentDay) {
          currentDay = day;
          if (day === PRE) {
            current = preSums;
            hasPre = true;
          } else {
            current = daySums[postDays];
            if (current) current.fill(0);
            else {
              current = new Float64Array(3 * m);
              daySums.push(current);
            }
            dayOf[postDays++] = day;
          }
        }
        const s = current as Float64Array;
        const base = (chosen[c] as number) * m;
        for (let i = 0; i < m; i++) {
          const value = this.rowValues[base + i] as number;
          if (counted[i]) (s[3 * i] as number) += value;
          else if (!Number.isNaN(value)) {
            (s[3 * i + 1] as number) += value;
            (s[3 * i + 2] as number)++;
          }
        }
      }
      // Covariates: the same per-user metric over the 14 days before exposure.
      const pre = preSums;
      for (let i = 0; i < m; i++)
        x[i] =
          cuped && hasPre
            ? (kinds[i] as KindDefinition).covariate(
                pre[3 * i] as number,
                pre[3 * i + 1] as number,
                pre[3 * i + 2] as number,
              )
            : 0;
      const days = daysOf(user.variant);
      const cohort = bin(days, user.variant, Math.floor(user.at / DAY));
      cohort.exposed++;
      for (let i = 0; i < m; i++) {
        cohort.x[i] = (cohort.x[i] as number) + (x[i] as number);
        cohort.xx[i] = (cohort.xx[i] as number) + (x[i] as number) * (x[i] as number);
      }
      if (postDays === 0) continue;
      cc.fill(0);
      cs.fill(0);
      cn.fill(0);
      for (let d = 0; d < postDays; d++) {
        const s = daySums[d] as Float64Array;
        const delta = bin(days, user.variant, dayOf[d] as number);
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
            delta.valued[i] = (delta.valued[i] as number) + 1;
          cc[i] = (cc[i] as number) + c;
          cs[i] = (cs[i] as number) + sum;
          cn[i] = (cn[i] as number) + n;
          const change = now - was;
          delta.y[i] = (delta.y[i] as number) + change;
          delta.yy[i] = (delta.yy[i] as number) + now * now - was * was;
          delta.xy[i] = (delta.xy[i] as number) + (x[i] as number) * change;
        }
      }
    }
    const deltas: DayDelta[] = [];
    for (const days of perVariant.values()) for (const delta of days) if (delta) deltas.push(delta);
    return deltas.sort(byDayThenVariant);
  }
}

/**
 * Row indices ordered by `key` (0 ≤ key < keys), stable; fills `starts` (length keys + 1) with
 * where each key's rows begin.
 */
function countingSort(
  rows: number,
  keys: number,
  key: (row: number) => number,
  starts: Int32Array,
): Int32Array {
  for (let r = 0; r < rows; r++) (starts[key(r) + 1] as number)++;
  for (let k = 0; k < keys; k++) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
  const next = starts.slice(0, keys);
  const order = new Int32Array(rows);
  for (let r = 0; r < rows; r++) order[(next[key(r)] as number)++] = r;
  return order;
}
