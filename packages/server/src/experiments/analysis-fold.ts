import { byDayThenVariant, type DayDelta, emptyDayDelta } from "./analysis-output.js";
import type { Metric } from "./metric-service.js";
import { type PackedStrings, packStrings, unpackStrings } from "./packed-strings.js";
import { dayNumber, dayString } from "./utc-days.js";

/** An analysed user: one variant, the exposure time, and where counted events start. */
export interface FoldUser {
  variant: number;
  /** First in-window exposure, ISO. */
  at: string;
  /** Events at or after this ISO time count: the exposure, or (CUPED) 14 days before it. */
  from: string;
  /** Exposed but not analysed (several variants, or a variant outside the comparison). */
  excluded?: boolean;
}

/** A fold's event rows: per row the user's index, the day (-1: pre-period) and the metric columns. */
export interface FoldRows {
  count: number;
  user: Int32Array;
  day: Int32Array;
  values: Float64Array;
}

/** A fold's users for another thread. */
export interface PackedUsers {
  keys: PackedStrings;
  at: PackedStrings;
  from: PackedStrings;
  variants: Int32Array;
  excluded: Uint8Array;
}

const PRE = -1;

/**
 * The per-user side of the analysis as one streaming pass, for a database without hash
 * aggregation (SQLite's GROUP BY sorts every row, which made grouping two million events by user
 * and day, then again by variant and day, most of an analysis). Each event row is appended once
 * (`add`); `deltas` groups the rows by user with a counting sort, sums them per user and day, and
 * turns each user's running per-metric values into the per-(variant, day) increments of Σy, Σy²
 * and Σxy, with the covariate cohorts per exposure day: exactly what the SQL of the other
 * dialect computes (see AnalysisQuery), from the same per-event metric columns.
 */
export class AnalysisFold {
  private readonly index = new Map<string, number>();
  private readonly users: FoldUser[] = [];
  private readonly width: number;
  private count = 0;
  private rowUser = new Int32Array(1 << 12);
  private rowDay = new Int32Array(1 << 12);
  /** Per row and metric: 0/1 for counted metrics, the value or NaN (none) for valued ones. */
  private rowValues: Float64Array;

  constructor(private readonly metrics: Metric[]) {
    this.width = metrics.length;
    this.rowValues = new Float64Array((1 << 12) * this.width);
  }

  addUser(key: string, user: FoldUser): void {
    this.index.set(key, this.users.length);
    this.users.push(user);
  }

  /** The users in order, packed for another thread (see `AnalysisFold.unpack`). */
  packUsers(): PackedUsers {
    const keys = [...this.index.keys()];
    const variants = new Int32Array(this.users.length);
    const excluded = new Uint8Array(this.users.length);
    this.users.forEach((user, u) => {
      variants[u] = user.variant;
      excluded[u] = user.excluded ? 1 : 0;
    });
    return {
      keys: packStrings(keys),
      at: packStrings(this.users.map((user) => user.at)),
      from: packStrings(this.users.map((user) => user.from)),
      variants,
      excluded,
    };
  }

  /** A fold of the users another fold packed, indexed alike (so their rows can merge). */
  static unpack(metrics: Metric[], packed: PackedUsers): AnalysisFold {
    const fold = new AnalysisFold(metrics);
    const keys = unpackStrings(packed.keys);
    const at = unpackStrings(packed.at);
    const from = unpackStrings(packed.from);
    keys.forEach((key, u) => {
      const user: FoldUser = {
        variant: packed.variants[u] as number,
        at: at[u] as string,
        from: from[u] as string,
      };
      if (packed.excluded[u]) user.excluded = true;
      fold.addUser(key, user);
    });
    return fold;
  }

  /** The user added under `key`, to change while the users are being gathered. */
  user(key: string): FoldUser | undefined {
    const u = this.index.get(key);
    return u === undefined ? undefined : this.users[u];
  }

  /** The earliest time any event can count; undefined without users. */
  lowerBound(): string | undefined {
    let lower: string | undefined;
    for (const user of this.users)
      if (!user.excluded && (lower === undefined || user.from < lower)) lower = user.from;
    return lower;
  }

  /** One event row: its user, time, and per metric its column (see rowValues). */
  add(userKey: string, timestamp: string, values: ArrayLike<unknown>, offset: number): void {
    const u = this.index.get(userKey);
    if (u === undefined) return;
    const user = this.users[u] as FoldUser;
    if (user.excluded || timestamp < user.from) return;
    if (this.count === this.rowUser.length) this.grow();
    const row = this.count++;
    this.rowUser[row] = u;
    this.rowDay[row] = timestamp >= user.at ? dayNumber(timestamp) : PRE;
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

  /** The rows added so far, for another fold of the same users (see `append`). */
  rows(): FoldRows {
    return {
      count: this.count,
      user: this.rowUser.slice(0, this.count),
      day: this.rowDay.slice(0, this.count),
      values: this.rowValues.slice(0, this.count * this.width),
    };
  }

  /** Rows another fold of the same users, in the same order, collected. */
  append(rows: FoldRows): void {
    this.reserve(rows.count);
    this.rowUser.set(rows.user, this.count);
    this.rowDay.set(rows.day, this.count);
    this.rowValues.set(rows.values, this.count * this.width);
    this.count += rows.count;
  }

  private grow(needed = this.count + 1): void {
    const capacity = Math.max(this.rowUser.length * 2, needed);
    const user = new Int32Array(capacity);
    user.set(this.rowUser);
    this.rowUser = user;
    const day = new Int32Array(capacity);
    day.set(this.rowDay);
    this.rowDay = day;
    const values = new Float64Array(capacity * this.width);
    values.set(this.rowValues);
    this.rowValues = values;
  }

  /** The cumulative statistics' increments per variant and day, sorted by day then variant. */
  deltas(cuped: boolean): DayDelta[] {
    const m = this.width;
    const kinds = this.metrics.map((metric) => metric.kind);
    const counted = kinds.map((kind) => kind === "conversion" || kind === "count");
    // Rows ordered by user (a counting sort), then within each user by day, the pre-period
    // first (an insertion sort: a user has a handful of rows).
    const starts = new Int32Array(this.users.length + 1);
    const order = countingSort(
      this.count,
      this.users.length,
      (r) => this.rowUser[r] as number,
      starts,
    );
    const rowDay = this.rowDay;
    for (let u = 0; u < this.users.length; u++) {
      const first = starts[u] as number;
      const end = starts[u + 1] as number;
      for (let k = first + 1; k < end; k++) {
        const r = order[k] as number;
        const day = rowDay[r] as number;
        let j = k - 1;
        while (j >= first && (rowDay[order[j] as number] as number) > day) {
          order[j + 1] = order[j] as number;
          j--;
        }
        order[j + 1] = r;
      }
    }
    // The increments per variant and day, in an array per variant indexed by the day.
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    const exposureDay = new Int32Array(this.users.length);
    this.users.forEach((user, u) => {
      if (user.excluded) return;
      const day = dayNumber(user.at);
      exposureDay[u] = day;
      if (day < lo) lo = day;
      if (day > hi) hi = day;
    });
    for (let r = 0; r < this.count; r++) {
      const day = rowDay[r] as number;
      if (day === PRE) continue;
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
    for (let u = 0; u < this.users.length; u++) {
      const user = this.users[u] as FoldUser;
      if (user.excluded) continue;
      let postDays = 0;
      let hasPre = false;
      preSums.fill(0);
      let current: Float64Array | undefined;
      let currentDay = PRE - 1;
      for (let k = starts[u] as number; k < (starts[u + 1] as number); k++) {
        const r = order[k] as number;
        const day = this.rowDay[r] as number;
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
        const base = r * m;
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
      for (let i = 0; i < m; i++) {
        if (!cuped || !hasPre) x[i] = 0;
        else if (kinds[i] === "conversion") x[i] = (pre[3 * i] as number) > 0 ? 1 : 0;
        else if (kinds[i] === "count") x[i] = pre[3 * i] as number;
        else x[i] = pre[3 * i + 1] as number;
      }
      const days = daysOf(user.variant);
      const cohort = bin(days, user.variant, exposureDay[u] as number);
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
          let was: number;
          let now: number;
          switch (kinds[i]) {
            case "conversion":
              was = (cc[i] as number) > 0 ? 1 : 0;
              now = (cc[i] as number) + c > 0 ? 1 : 0;
              break;
            case "count":
              was = cc[i] as number;
              now = was + c;
              break;
            case "sum":
              was = cs[i] as number;
              now = was + sum;
              break;
            default:
              was = (cn[i] as number) > 0 ? (cs[i] as number) / (cn[i] as number) : 0;
              now =
                (cn[i] as number) + n > 0 ? ((cs[i] as number) + sum) / ((cn[i] as number) + n) : 0;
              if ((cn[i] as number) === 0 && n > 0)
                delta.valued[i] = (delta.valued[i] as number) + 1;
          }
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
