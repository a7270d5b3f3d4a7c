import type { JsonValue } from "@flagsync-oss/core";
import { type Insertable, type Kysely, sql } from "kysely";
import { type Dialect, fromJson, sqlDialect } from "../storage/dialects.js";
import type { EventCatalogCountsTable, RawEventsTable, Tables } from "../storage/tables.js";

/** What the catalog knows of one property (dotted path for nested ones). */
export interface PropertyProfile {
  /** JSON types seen: string, number, boolean, null, object, array. */
  types: string[];
  /** Up to a few distinct example values (scalars; long strings cut). */
  examples: JsonValue[];
}

/** One discovered event key of an environment. */
export interface CatalogEntry {
  eventKey: string;
  firstSeen: string;
  lastSeen: string;
  total: number;
  last24h: number;
  /** Statistics of the numeric eventValue, when any event carried one. */
  value: { count: number; min: number; max: number; mean: number } | null;
  properties: Record<string, PropertyProfile>;
}

const MAX_EXAMPLES = 5;
const MAX_PROPERTY_PATHS = 200;
const MAX_PATH_DEPTH = 4;
const MAX_EXAMPLE_LENGTH = 100;

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Properties as dotted paths (`cart.total`), as metrics address them. */
function flatten(
  properties: Record<string, unknown>,
  out: Map<string, unknown>,
  prefix = "",
  depth = 1,
): void {
  for (const [name, value] of Object.entries(properties)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (out.size >= MAX_PROPERTY_PATHS) return;
    out.set(path, value);
    if (
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      depth < MAX_PATH_DEPTH
    ) {
      flatten(value as Record<string, unknown>, out, path, depth + 1);
    }
  }
}

function addExample(profile: PropertyProfile, value: unknown): void {
  if (profile.examples.length >= MAX_EXAMPLES || (value !== null && typeof value === "object"))
    return;
  const example =
    typeof value === "string" && value.length > MAX_EXAMPLE_LENGTH
      ? `${value.slice(0, MAX_EXAMPLE_LENGTH)}…`
      : (value as JsonValue);
  // Examples are scalars, so equal values are identical (=== also equates 0 and -0, as JSON does).
  if (!profile.examples.includes(example)) profile.examples.push(example);
}

interface Summary {
  environmentId: number;
  eventKey: string;
  firstSeen: string;
  lastSeen: string;
  total: number;
  valueCount: number;
  valueMin: number | null;
  valueMax: number | null;
  valueSum: number;
  properties: Record<string, PropertyProfile>;
  hours: Map<string, number>;
}

/** A property map without a prototype, so a property named "__proto__" is just a property. */
function propertyMap(from?: Record<string, PropertyProfile>): Record<string, PropertyProfile> {
  return Object.assign(Object.create(null) as Record<string, PropertyProfile>, from);
}

function mergeProperties(
  into: Record<string, PropertyProfile>,
  from: Record<string, PropertyProfile>,
): void {
  for (const [path, profile] of Object.entries(from)) {
    let target = into[path];
    if (!target) {
      if (Object.keys(into).length >= MAX_PROPERTY_PATHS) continue;
      target = { types: [], examples: [] };
      into[path] = target;
    }
    for (const type of profile.types) if (!target.types.includes(type)) target.types.push(type);
    for (const example of profile.examples) addExample(target, example);
  }
}

/** Whether a stored profile already holds everything a summary would add to it. */
function covers(
  known: Record<string, PropertyProfile>,
  update: Record<string, PropertyProfile>,
): boolean {
  const full = Object.keys(known).length >= MAX_PROPERTY_PATHS;
  for (const [path, profile] of Object.entries(update)) {
    const stored = known[path];
    if (!stored) {
      if (full) continue;
      return false;
    }
    if (!profile.types.every((type) => stored.types.includes(type))) return false;
    if (
      stored.examples.length < MAX_EXAMPLES &&
      !profile.examples.every((e) => stored.examples.includes(e))
    )
      return false;
  }
  return true;
}

/** Called before stored profiles are read for a merge, in the same transaction. */
export type MergeLock = (trx: Kysely<Tables>, environmentIds: number[]) => Promise<void>;

/**
 * The event catalog: every event key of an environment with first and last seen, counts, the
 * eventValue's range and mean, and property paths with their JSON types and example values.
 * Maintained incrementally from each stored batch, in the batch's transaction; never rescans.
 *
 * Counters are added in the database (one upsert per group, rows in key order, so concurrent
 * groups never deadlock and never lose counts), each transaction to its own slot of rows so
 * concurrent ones do not wait for each other. Property profiles only grow and soon stop
 * changing, so they are read, merged and written only when a group brings something this
 * process has not seen stored yet; `mergeLock` serialises those merges across connections.
 */
export class EventCatalog {
  /** The last profile this process read or wrote per environment and key. */
  private readonly known = new Map<string, Record<string, PropertyProfile>>();

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly dialect: Dialect,
    private readonly mergeLock?: MergeLock,
  ) {}

  /**
   * Folds newly stored events into the catalog (same transaction as their insert). Counters go
   * to `slot`: transactions running at the same time must use different slots.
   */
  async apply(
    trx: Kysely<Tables>,
    rows: readonly Insertable<RawEventsTable>[],
    slot = 0,
  ): Promise<void> {
    const summaries = new Map<string, Summary>();
    for (const row of rows) {
      const id = `${row.environment_id}\u0000${row.event_key}`;
      let summary = summaries.get(id);
      const seen = row.received_at;
      if (!summary) {
        summary = {
          environmentId: row.environment_id,
          eventKey: row.event_key,
          firstSeen: seen,
          lastSeen: seen,
          total: 0,
          valueCount: 0,
          valueMin: null,
          valueMax: null,
          valueSum: 0,
          properties: propertyMap(),
          hours: new Map(),
        };
        summaries.set(id, summary);
      }
      summary.total++;
      if (seen < summary.firstSeen) summary.firstSeen = seen;
      if (seen > summary.lastSeen) summary.lastSeen = seen;
      const hour = seen.slice(0, 13);
      summary.hours.set(hour, (summary.hours.get(hour) ?? 0) + 1);
      const value = row.value;
      if (typeof value === "number") {
        summary.valueCount++;
        summary.valueSum += value;
        summary.valueMin = summary.valueMin === null ? value : Math.min(summary.valueMin, value);
        summary.valueMax = summary.valueMax === null ? value : Math.max(summary.valueMax, value);
      }
      if (typeof row.properties === "string") {
        const paths = new Map<string, unknown>();
        flatten(JSON.parse(row.properties) as Record<string, unknown>, paths);
        for (const [path, propertyValue] of paths) {
          let profile = summary.properties[path];
          if (!profile) {
            if (Object.keys(summary.properties).length >= MAX_PROPERTY_PATHS) continue;
            profile = { types: [], examples: [] };
            summary.properties[path] = profile;
          }
          const type = typeName(propertyValue);
          if (!profile.types.includes(type)) profile.types.push(type);
          addExample(profile, propertyValue);
        }
      }
    }
    if (summaries.size > 0) await this.write(trx, summaries, slot);
  }

  /** Merged profiles (as JSON) of the keys whose stored profile may lack what the group brings. */
  private async mergedProperties(
    trx: Kysely<Tables>,
    summaries: Map<string, Summary>,
  ): Promise<Map<string, string>> {
    const merging = [...summaries].filter(([id, s]) => {
      const known = this.known.get(id);
      return !known || !covers(known, s.properties);
    });
    const merged = new Map<string, string>();
    if (merging.length === 0) return merged;
    const environments = [...new Set(merging.map(([, s]) => s.environmentId))].sort(
      (a, b) => a - b,
    );
    await this.mergeLock?.(trx, environments);
    const stored = new Map<string, Record<string, PropertyProfile>>();
    for (const environmentId of environments) {
      const keys = merging
        .filter(([, s]) => s.environmentId === environmentId)
        .map(([, s]) => s.eventKey);
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await trx
          .selectFrom("event_catalog")
          .select(["event_key", "properties"])
          .where("environment_id", "=", environmentId)
          .where("event_key", "in", keys.slice(i, i + 500))
          .execute();
        for (const row of rows)
          stored.set(
            `${environmentId}\u0000${row.event_key}`,
            fromJson<Record<string, PropertyProfile>>(row.properties),
          );
      }
    }
    for (const [id, summary] of merging) {
      const properties = propertyMap(stored.get(id));
      mergeProperties(properties, summary.properties);
      merged.set(id, JSON.stringify(properties));
    }
    return merged;
  }

  /**
   * Merged property profiles (only where something is new), then one additive upsert of the
   * slot's counters per key and one of its hourly counts, in key order.
   */
  private async write(
    trx: Kysely<Tables>,
    summaries: Map<string, Summary>,
    slot: number,
  ): Promise<void> {
    const merged = await this.mergedProperties(trx, summaries);
    const ordered = [...summaries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const profiles = ordered.flatMap(([id, s]) => {
      const properties = merged.get(id);
      return properties === undefined
        ? []
        : [{ environment_id: s.environmentId, event_key: s.eventKey, properties }];
    });
    for (let i = 0; i < profiles.length; i += 500) {
      await trx
        .insertInto("event_catalog")
        .values(profiles.slice(i, i + 500))
        .onConflict((oc) =>
          oc
            .columns(["environment_id", "event_key"])
            .doUpdateSet((eb) => ({ properties: eb.ref("excluded.properties") })),
        )
        .execute();
    }
    const counts: Insertable<EventCatalogCountsTable>[] = ordered.map(([, s]) => ({
      environment_id: s.environmentId,
      event_key: s.eventKey,
      slot,
      first_seen: s.firstSeen,
      last_seen: s.lastSeen,
      total: s.total,
      value_count: s.valueCount,
      value_min: s.valueMin,
      value_max: s.valueMax,
      value_sum: s.valueSum,
    }));
    const { least, greatest } = sqlDialect(this.dialect);
    const stored = sql.raw("event_catalog_counts");
    for (let i = 0; i < counts.length; i += 200) {
      await trx
        .insertInto("event_catalog_counts")
        .values(counts.slice(i, i + 200))
        .onConflict((oc) =>
          oc.columns(["environment_id", "event_key", "slot"]).doUpdateSet({
            first_seen: sql`${least}(${stored}.first_seen, excluded.first_seen)`,
            last_seen: sql`${greatest}(${stored}.last_seen, excluded.last_seen)`,
            total: sql`${stored}.total + excluded.total`,
            value_count: sql`${stored}.value_count + excluded.value_count`,
            // NULL means "no value yet" on either side.
            value_min: sql`${least}(coalesce(${stored}.value_min, excluded.value_min), coalesce(excluded.value_min, ${stored}.value_min))`,
            value_max: sql`${greatest}(coalesce(${stored}.value_max, excluded.value_max), coalesce(excluded.value_max, ${stored}.value_max))`,
            value_sum: sql`${stored}.value_sum + excluded.value_sum`,
          }),
        )
        .execute();
    }
    for (const [id, json] of merged) this.known.set(id, fromJson(json));
    const hours = ordered.flatMap(([, s]) =>
      [...s.hours].sort().map(([hour, count]) => ({
        environment_id: s.environmentId,
        event_key: s.eventKey,
        hour,
        slot,
        count,
      })),
    );
    for (let i = 0; i < hours.length; i += 500) {
      await trx
        .insertInto("event_hour_counts")
        .values(hours.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(["environment_id", "event_key", "hour", "slot"]).doUpdateSet((eb) => ({
            count: eb(eb.ref("event_hour_counts.count"), "+", eb.ref("excluded.count")),
          })),
        )
        .execute();
    }
  }

  /**
   * Every event key of an environment, most recently seen first. One statement (one round trip,
   * one connection): the slot counters summed, the last 24 hours' counts and the property profile.
   */
  async list(environmentId: number, now: number = Date.now()): Promise<CatalogEntry[]> {
    // The 24 hours end with the current hour; counts are kept per hour.
    const since = new Date(now - 23 * 3_600_000).toISOString().slice(0, 13);
    const rows = await this.db
      .with("counts", (db) =>
        db
          .selectFrom("event_catalog_counts")
          .select((eb) => [
            "event_key",
            eb.fn.min("first_seen").as("first_seen"),
            eb.fn.max("last_seen").as("last_seen"),
            eb.fn.sum<number | string>("total").as("total"),
            eb.fn.sum<number | string>("value_count").as("value_count"),
            eb.fn.min("value_min").as("value_min"),
            eb.fn.max("value_max").as("value_max"),
            eb.fn.sum<number | string>("value_sum").as("value_sum"),
          ])
          .where("environment_id", "=", environmentId)
          .groupBy("event_key"),
      )
      .with("recent", (db) =>
        db
          .selectFrom("event_hour_counts")
          .select(["event_key", (eb) => eb.fn.sum<number | string>("count").as("n")])
          .where("environment_id", "=", environmentId)
          .where("hour", ">=", since)
          .groupBy("event_key"),
      )
      .selectFrom("counts")
      .leftJoin("recent", "recent.event_key", "counts.event_key")
      .leftJoin("event_catalog as profile", (join) =>
        join
          .onRef("profile.event_key", "=", "counts.event_key")
          .on("profile.environment_id", "=", environmentId),
      )
      .selectAll("counts")
      .select(["recent.n", "profile.properties"])
      .execute();
    return rows
      .map((row) => ({
        eventKey: row.event_key,
        firstSeen: row.first_seen,
        lastSeen: row.last_seen,
        total: Number(row.total),
        last24h: Number(row.n ?? 0),
        value:
          Number(row.value_count) > 0
            ? {
                count: Number(row.value_count),
                min: Number(row.value_min),
                max: Number(row.value_max),
                mean: Number(row.value_sum) / Number(row.value_count),
              }
            : null,
        properties: fromJson<Record<string, PropertyProfile>>(row.properties ?? {}),
      }))
      .sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : a.lastSeen > b.lastSeen ? -1 : 0));
  }
}
