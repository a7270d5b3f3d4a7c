import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { KIND_DEFINITIONS } from "../metrics/metric-kinds.js";
import type { Tables } from "../storage/tables.js";
import type { RowSource } from "./engine.js";
import {
  type FoldState,
  foldSignature,
  freshState,
  KEPT_MS,
  type StoredMark,
  usable,
} from "./kept-state.js";
import type { AnalysisInput } from "./output.js";

/** Bytes per stored part: small writes, so that the ingestion writer never waits long. */
const PART_BYTES = 4 * 1024 * 1024;
/** Past this many segments a fold is stored again as one. */
const MAX_SEGMENTS = 24;

/** What a stored segment holds: the users, rows and exposures added since the one before. */
interface Header {
  signature: string;
  width: number;
  low: number;
  impressionsLow: number;
  high: number;
  impressionsHigh: number;
  builtAt: number;
  /** Users and rows before this segment, and after it. */
  users: [number, number];
  rows: [number, number];
  /** Exposure records (see Exposures.changes). */
  records: number;
  /** Metric columns stored: those that differ from their column's default. */
  stored: number;
  /** UTF-16 code units of the new users' keys. */
  keyUnits: number;
  /** The last analysis' increments (see DayIncrements): what they are of, and their sizes. */
  increments?: { settings: string; end: number; rows: number; users: number; bins: number };
}

/**
 * The rows analyses keep, in the database, so that a restart or another server process goes on
 * from them instead of reading every event again. Per fold signature a chain of segments: the
 * first holds a whole fold, each next one the users, rows and changed exposures an analysis
 * read since. A segment's bytes go in parts first, each its own short write, then its header
 * row commits it; parts without a header (a crash between) are deleted when the fold is next
 * stored whole. Stored folds follow the kept ones' rules (see FoldStates): usable while the
 * lowest stored ids are the same and for a day.
 */
export class KeptStore {
  /** `source`: reads the segments' bytes (the fastest way differs per database). */
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly source: Pick<RowSource, "keptBytes">,
  ) {}

  /** The stored fold of `input`'s signature, if there is a usable one. */
  async load(
    input: AnalysisInput,
    low: number,
    impressionsLow: number,
    now = Date.now(),
  ): Promise<FoldState | undefined> {
    const signature = foldSignature(input);
    const segments = await this.db
      .selectFrom("analysis_kept")
      .select(["segment", "token", "header"])
      .where("signature", "=", hashOf(signature))
      .orderBy("segment")
      .execute();
    const headers = segments.map((s) => JSON.parse(s.header) as Header);
    const first = headers[0];
    if (!first || first.signature !== signature || first.width !== input.metrics.length)
      return undefined;
    if (!usable(first, low, impressionsLow, now)) return undefined;
    // A chain: segment i continues exactly where i - 1 ended.
    for (let i = 0; i < headers.length; i++) {
      const header = headers[i] as Header;
      const before = headers[i - 1];
      if ((segments[i] as { segment: number }).segment !== i) return undefined;
      if ((before?.users[1] ?? 0) !== header.users[0]) return undefined;
      if ((before?.rows[1] ?? 0) !== header.rows[0]) return undefined;
    }
    const state = freshState(input, low, impressionsLow, first.builtAt);
    for (const [i, { token }] of segments.entries())
      apply(
        state,
        headers[i] as Header,
        defaultsOf(input),
        await this.source.keptBytes(hashOf(signature), token),
      );
    const last = headers.at(-1) as Header;
    state.high = last.high;
    state.impressionsHigh = last.impressionsHigh;
    state.stored = {
      segment: headers.length - 1,
      users: last.users[1],
      rows: last.rows[1],
      high: last.high,
      impressionsHigh: last.impressionsHigh,
    };
    return state;
  }

  /**
   * Stores what `state` read since it was last stored (all of it the first time, or when its
   * chain is long); nothing when it read nothing. A segment another process stored first
   * leaves this fold to be stored whole next time.
   */
  async save(input: AnalysisInput, state: FoldState, now = Date.now()): Promise<void> {
    const stored = state.stored;
    if (
      stored &&
      stored.high === state.high &&
      stored.impressionsHigh === state.impressionsHigh &&
      stored.rows === state.fold.size
    )
      return;
    const whole = !stored || stored.segment + 1 >= MAX_SEGMENTS;
    const from = whole
      ? { segment: 0, users: 0, rows: 0 }
      : { segment: stored.segment + 1, users: stored.users, rows: stored.rows };
    const signature = foldSignature(input);
    const key = hashOf(signature);
    const records = state.exposures.changes(whole);
    const rows = state.fold.rowsFrom(from.rows);
    const keys = state.users.keys.slice(from.users).join("");
    const header: Header = {
      signature,
      width: input.metrics.length,
      low: state.low,
      impressionsLow: state.impressionsLow,
      high: state.high,
      impressionsHigh: state.impressionsHigh,
      builtAt: state.builtAt,
      users: [from.users, state.users.size],
      rows: [from.rows, state.fold.size],
      records: records.user.length,
      stored: 0,
      keyUnits: keys.length,
    };
    const keyLengths = Int32Array.from(state.users.keys.slice(from.users), (k) => k.length);
    const values = sparse(rows.values, defaultsOf(input));
    header.stored = values.stored.length;
    const increments = state.increments.snapshot();
    if (increments)
      header.increments = {
        settings: increments.settings,
        end: increments.end,
        rows: increments.rows,
        users: increments.variant.length,
        bins: increments.bins.length,
      };
    // Eight-byte columns first: each column starts aligned to its element size.
    const data = Buffer.concat([
      bytes(rows.time),
      bytes(values.stored),
      bytes(records.at),
      bytes(increments?.at ?? new Float64Array(0)),
      bytes(increments?.bins ?? new Float64Array(0)),
      bytes(rows.user),
      bytes(records.user),
      bytes(records.variant),
      bytes(keyLengths),
      bytes(increments?.variant ?? new Int32Array(0)),
      bytes(values.masks),
      Buffer.from(keys, "utf16le"),
    ]);
    const token = randomUUID();
    // Stored before: this fold is stored whole next time unless this segment commits.
    state.stored = undefined;
    for (let part = 0, at = 0; at < data.length || part === 0; part++, at += PART_BYTES)
      await this.db
        .insertInto("analysis_kept_parts")
        .values({ signature: key, token, part, data: data.subarray(at, at + PART_BYTES) })
        .execute();
    try {
      await this.db.transaction().execute(async (trx) => {
        if (whole) {
          await trx.deleteFrom("analysis_kept").where("signature", "=", key).execute();
          await trx
            .deleteFrom("analysis_kept_parts")
            .where("signature", "=", key)
            .where("token", "<>", token)
            .execute();
          await deleteExpiredKept(trx, now);
        }
        await trx
          .insertInto("analysis_kept")
          .values({
            signature: key,
            segment: from.segment,
            token,
            built_at: new Date(state.builtAt).toISOString(),
            header: JSON.stringify(header),
          })
          .execute();
      });
    } catch (error) {
      await this.db
        .deleteFrom("analysis_kept_parts")
        .where("signature", "=", key)
        .where("token", "=", token)
        .execute();
      throw error;
    }
    const mark: StoredMark = {
      segment: from.segment,
      users: header.users[1],
      rows: header.rows[1],
      high: state.high,
      impressionsHigh: state.impressionsHigh,
    };
    state.stored = mark;
  }
}

/**
 * Deletes stored folds built more than a day ago (no analysis uses them), with their parts:
 * stored rows hold user keys, and never outlive the day they are good for.
 */
export async function deleteExpiredKept(db: Kysely<Tables>, now = Date.now()): Promise<number> {
  const expired = db
    .selectFrom("analysis_kept")
    .select("signature")
    .where("segment", "=", 0)
    .where("built_at", "<", new Date(now - KEPT_MS).toISOString());
  await db.deleteFrom("analysis_kept_parts").where("signature", "in", expired).execute();
  const deleted = await db
    .deleteFrom("analysis_kept")
    .where("signature", "in", expired)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/** Adds a stored segment's users, rows and exposures to `state`. */
function apply(state: FoldState, header: Header, defaults: number[], data: Buffer): void {
  const rows = header.rows[1] - header.rows[0];
  const users = header.users[1] - header.users[0];
  const width = defaults.length;
  let at = 0;
  const take = <T>(count: number, size: number, make: (buffer: ArrayBuffer) => T): T => {
    // A copy: the column starts aligned to its element size.
    const copy = new Uint8Array(count * size);
    copy.set(data.subarray(at, at + count * size));
    at += count * size;
    return make(copy.buffer);
  };
  const time = take(rows, 8, (b) => new Float64Array(b));
  const stored = take(header.stored, 8, (b) => new Float64Array(b));
  const recordAt = take(header.records, 8, (b) => new Float64Array(b));
  const increments = header.increments;
  const incrementsAt = take(increments?.users ?? 0, 8, (b) => new Float64Array(b));
  const bins = take(increments?.bins ?? 0, 8, (b) => new Float64Array(b));
  const user = take(rows, 4, (b) => new Int32Array(b));
  const recordUser = take(header.records, 4, (b) => new Int32Array(b));
  const recordVariant = take(header.records, 4, (b) => new Int32Array(b));
  const keyLengths = take(users, 4, (b) => new Int32Array(b));
  const incrementsVariant = take(increments?.users ?? 0, 4, (b) => new Int32Array(b));
  const masks = take(rows * maskBytes(width), 1, (b) => new Uint8Array(b));
  const keys = data.toString("utf16le", at, at + header.keyUnits * 2);
  let offset = 0;
  for (const length of keyLengths) {
    state.users.of(keys.slice(offset, offset + length));
    offset += length;
  }
  state.fold.restore(user, time, dense(masks, stored, defaults, rows));
  for (let r = 0; r < header.records; r++)
    state.exposures.addAt(
      recordUser[r] as number,
      recordVariant[r] as number,
      recordAt[r] as number,
      true,
    );
  // The last segment's increments are the ones of all the rows.
  if (increments)
    state.increments.restore({
      settings: increments.settings,
      end: increments.end,
      rows: increments.rows,
      variant: incrementsVariant,
      at: incrementsAt,
      bins,
    });
}

/** Per metric column the value most rows have: 0 (no match) or none (NaN, no value). */
function defaultsOf(input: AnalysisInput): number[] {
  return input.metrics.map((m) => (KIND_DEFINITIONS[m.kind].column === "match" ? 0 : Number.NaN));
}

function maskBytes(width: number): number {
  return Math.ceil(width / 8);
}

/**
 * Rows of metric columns as a bit per column (set: stored) and the stored values in order: most
 * events count for one metric of several, so most columns hold their default.
 */
function sparse(
  values: Float64Array,
  defaults: number[],
): { masks: Uint8Array; stored: Float64Array } {
  const width = defaults.length;
  const bytesPerRow = maskBytes(width);
  const rows = width === 0 ? 0 : values.length / width;
  const masks = new Uint8Array(rows * bytesPerRow);
  const stored = new Float64Array(values.length);
  let k = 0;
  for (let r = 0; r < rows; r++)
    for (let i = 0; i < width; i++) {
      const value = values[r * width + i] as number;
      if (Object.is(value, defaults[i])) continue;
      (masks[r * bytesPerRow + (i >> 3)] as number) |= 1 << (i & 7);
      stored[k++] = value;
    }
  return { masks, stored: stored.slice(0, k) };
}

/** The rows' metric columns `sparse` stored. */
function dense(
  masks: Uint8Array,
  stored: Float64Array,
  defaults: number[],
  rows: number,
): Float64Array {
  const width = defaults.length;
  const bytesPerRow = maskBytes(width);
  const values = new Float64Array(rows * width);
  let k = 0;
  for (let r = 0; r < rows; r++)
    for (let i = 0; i < width; i++)
      values[r * width + i] =
        ((masks[r * bytesPerRow + (i >> 3)] as number) >> (i & 7)) & 1
          ? (stored[k++] as number)
          : (defaults[i] as number);
  return values;
}

function bytes(array: Int32Array | Float64Array | Uint8Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function hashOf(signature: string): string {
  return createHash("sha256").update(signature).digest("hex");
}
