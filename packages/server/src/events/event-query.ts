import type { EvaluationContext } from "@flagsync-oss/core";
import { type Kysely, type RawBuilder, sql } from "kysely";
import { type Dialect, fromJson, sqlDialect } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";

/** Filters shared by the raw data lists; every one is optional. */
export interface RawQuery {
  environmentId: number;
  from?: string | undefined;
  to?: string | undefined;
  user?: string | undefined;
  /** Event key (events) or flag key (impressions, exposures). */
  key?: string | undefined;
  /** Variant id (impressions, exposures); 0 is "unknown". */
  variant?: number | undefined;
  /**
   * Property equality on events: [dotted path, value as text] (`["price", "5"]`); pairs rather
   * than an object, whose `__proto__` key would be lost.
   */
  properties?: [string, string][];
  /** Continue after this id (events, impressions). */
  after?: number | undefined;
  /** The timestamp of the row `after`, when known (it is looked up otherwise). */
  afterTimestamp?: string | undefined;
  /** Exposures: continue after this exposure (the key of the last one of the previous page). */
  afterExposure?: ExposureKey | undefined;
  limit: number;
}

/** One stored event as the API shows it. */
export interface EventView {
  id: number;
  eventKey: string;
  userKey: string;
  value: number | null;
  properties: unknown;
  context: unknown;
  timestamp: string;
  receivedAt: string;
  clientId: string | null;
  source: string;
}

/** One stored impression as the API shows it. */
export interface ImpressionView {
  id: number;
  flagKey: string;
  userKey: string;
  value: unknown;
  variantId: number | null;
  /** Why the variant was served, when the SDK reported it (our own endpoint). */
  reason: string | null;
  context: unknown;
  timestamp: string;
  receivedAt: string;
  source: string;
}

/** Where an exposure sits in the listing order. */
export interface ExposureKey {
  flagKey: string;
  userKey: string;
  variantId: number;
}

/** One exposure: the first time a user saw a variant of a flag. */
export interface ExposureView {
  flagKey: string;
  userKey: string;
  variantId: number;
  firstAt: string;
}

type RawTable = "raw_events" | "raw_impressions";

/**
 * The timestamp as a time filter compares it. With a user, as an expression no index serves:
 * SQLite, which keeps no statistics, would otherwise walk the whole window in the time index
 * to find the few rows of the user, instead of walking the user's rows.
 */
const timeColumn = (q: RawQuery): RawBuilder<string> =>
  q.user === undefined ? sql<string>`timestamp` : sql<string>`(timestamp || '')`;

/**
 * Whether a list goes in time order (then id) rather than in id order: when it has a time
 * filter and no user (whose rows are few: walked in id order, the time checked on the way).
 */
export const inTimeOrder = (q: RawQuery): boolean =>
  (q.from !== undefined || q.to !== undefined) && q.user === undefined;

/**
 * Filtered, keyset-paginated reads of raw events, impressions and exposures. Events and
 * impressions go in id order, or in time order (then id) when `from` or `to` is given without
 * `user`, so that every page walks an index from its cursor (see migration 0009); the cursor is
 * the id of the previous page's last row either way.
 */
export class RawDataQuery {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * The condition continuing after `q.after`. In time order it needs that row's timestamp:
   * given (`afterTimestamp`), or looked up. A row that is gone was deleted by retention, which
   * deletes by timestamp, so every row before it is gone too and the list starts again.
   */
  private async continuation(table: RawTable, q: RawQuery): Promise<RawBuilder<boolean>> {
    if (!q.after) return sql<boolean>`1 = 1`;
    if (!inTimeOrder(q)) return sql<boolean>`id > ${q.after}`;
    let at = q.afterTimestamp;
    if (at === undefined) {
      const row = await this.db
        .selectFrom(table)
        .select("timestamp")
        .where("id", "=", q.after)
        .where("environment_id", "=", q.environmentId)
        .executeTakeFirst();
      if (!row) return sql<boolean>`1 = 1`;
      at = row.timestamp;
    }
    // Spelled out rather than as a row comparison, which SQLite does not use as an index bound.
    return sql<boolean>`timestamp >= ${at} and (timestamp > ${at} or id > ${q.after})`;
  }

  async events(q: RawQuery): Promise<EventView[]> {
    let select = this.db
      .selectFrom("raw_events")
      .selectAll()
      .where("environment_id", "=", q.environmentId);
    if (q.from) select = select.where(timeColumn(q), ">=", q.from);
    if (q.to) select = select.where(timeColumn(q), "<", q.to);
    if (q.key) select = select.where("event_key", "=", q.key);
    if (q.user) select = select.where("user_key", "=", q.user);
    for (const [path, value] of q.properties ?? []) {
      select = select.where(sqlDialect(this.dialect).json.equalsText(sql`properties`, path, value));
    }
    select = select.where(await this.continuation("raw_events", q));
    if (inTimeOrder(q)) select = select.orderBy("timestamp");
    const rows = await select.orderBy("id").limit(q.limit).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      eventKey: r.event_key,
      userKey: r.user_key,
      value: r.value,
      properties: r.properties === null ? null : fromJson(r.properties),
      context: r.context === null ? null : fromJson(r.context),
      timestamp: r.timestamp,
      receivedAt: r.received_at,
      clientId: r.client_id,
      source: r.source,
    }));
  }

  async impressions(q: RawQuery): Promise<ImpressionView[]> {
    let select = this.db
      .selectFrom("raw_impressions")
      .selectAll()
      .where("environment_id", "=", q.environmentId);
    if (q.from) select = select.where(timeColumn(q), ">=", q.from);
    if (q.to) select = select.where(timeColumn(q), "<", q.to);
    if (q.key) select = select.where("flag_key", "=", q.key);
    if (q.user) select = select.where("user_key", "=", q.user);
    if (q.variant !== undefined)
      select =
        q.variant === 0
          ? select.where("variant_id", "is", null)
          : select.where("variant_id", "=", q.variant);
    select = select.where(await this.continuation("raw_impressions", q));
    if (inTimeOrder(q)) select = select.orderBy("timestamp");
    const rows = await select.orderBy("id").limit(q.limit).execute();
    return rows.map((r) => ({
      id: Number(r.id),
      flagKey: r.flag_key,
      userKey: r.user_key,
      value: (fromJson<{ value: unknown } | null>(r.flag_value) ?? { value: null }).value,
      variantId: r.variant_id,
      reason: r.reason,
      context: r.context === null ? null : fromJson(r.context),
      timestamp: r.timestamp,
      receivedAt: r.received_at,
      source: r.source,
    }));
  }

  /**
   * Exposures ordered by flag, user and variant (their key): a page continues after the key of
   * the previous page's last one, so exposures stored meanwhile never shift the pages.
   */
  async exposures(q: RawQuery): Promise<ExposureView[]> {
    let select = this.db
      .selectFrom("exposures")
      .selectAll()
      .where("environment_id", "=", q.environmentId);
    if (q.from) select = select.where("first_at", ">=", q.from);
    if (q.to) select = select.where("first_at", "<", q.to);
    if (q.key) select = select.where("flag_key", "=", q.key);
    if (q.user) select = select.where("user_key", "=", q.user);
    if (q.variant !== undefined) select = select.where("variant_id", "=", q.variant);
    const after = q.afterExposure;
    if (after)
      select = select.where(
        sql<boolean>`(flag_key, user_key, variant_id) > (${after.flagKey}, ${after.userKey}, ${after.variantId})`,
      );
    const rows = await select
      .orderBy("flag_key")
      .orderBy("user_key")
      .orderBy("variant_id")
      .limit(q.limit)
      .execute();
    return rows.map((r) => ({
      flagKey: r.flag_key,
      userKey: r.user_key,
      variantId: r.variant_id,
      firstAt: r.first_at,
    }));
  }
}

/** A user's context as their latest impression in an environment carried it, and when. */
export interface SeenContext {
  context: EvaluationContext;
  flagKey: string;
  timestamp: string;
}

/**
 * The context of a user's latest impression in an environment (one row, read backwards on the
 * user's index), or undefined when the user was never seen there.
 */
export async function lastSeenContext(
  db: Kysely<Tables>,
  environmentId: number,
  userKey: string,
): Promise<SeenContext | undefined> {
  const row = await db
    .selectFrom("raw_impressions")
    .select(["context", "flag_key", "timestamp"])
    .where("environment_id", "=", environmentId)
    .where("user_key", "=", userKey)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const context = (row.context === null ? null : fromJson<EvaluationContext>(row.context)) ?? {
    key: userKey,
  };
  return { context, flagKey: row.flag_key, timestamp: row.timestamp };
}
