import type { JsonValue } from "@flagsync-oss/core";
import type { Insertable, Kysely, Selectable } from "kysely";
import { fromJson, toJson } from "../storage/dialects.js";
import type { EventCatalogTable, RawEventsTable, Tables } from "../storage/tables.js";

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

/** The earlier of two ISO times. */
function earlier(a: string, b: string): string {
  if (a < b) return a;
  return b;
}

/** The later of two ISO times. */
function later(a: string, b: string): string {
  if (a > b) return a;
  return b;
}

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

/**
 * The event catalog: every event key of an environment with first and last seen, counts, the
 * eventValue's range and mean, and property paths with their JSON types and example values.
 * Maintained incrementally from each stored batch, in the batch's transaction; never rescans.
 */
export class EventCatalog {
  constructor(private readonly db: Kysely<Tables>) {}

  /** Folds newly stored events into the catalog (same transaction as their insert). */
  async apply(trx: Kysely<Tables>, rows: readonly Insertable<RawEventsTable>[]): Promise<void> {
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
    if (summaries.size > 0) await this.write(trx, [...summaries.values()]);
  }

  /**
   * Merges the summaries into the stored rows with three statements whatever the number of keys:
   * one read of the touched rows, one multi-row upsert of the merged rows, one of hourly counts.
   */
  private async write(trx: Kysely<Tables>, summaries: Summary[]): Promise<void> {
    const existing = new Map<string, Selectable<EventCatalogTable>>();
    for (const environmentId of new Set(summaries.map((s) => s.environmentId))) {
      const keys = summaries
        .filter((s) => s.environmentId === environmentId)
        .map((s) => s.eventKey);
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await trx
          .selectFrom("event_catalog")
          .selectAll()
          .where("environment_id", "=", environmentId)
          .where("event_key", "in", keys.slice(i, i + 500))
          .execute();
        for (const row of rows) existing.set(`${row.environment_id}\u0000${row.event_key}`, row);
      }
    }
    const merged: Insertable<EventCatalogTable>[] = summaries.map((s) => {
      const old = existing.get(`${s.environmentId}\u0000${s.eventKey}`);
      if (!old) {
        return {
          environment_id: s.environmentId,
          event_key: s.eventKey,
          first_seen: s.firstSeen,
          last_seen: s.lastSeen,
          total: s.total,
          value_count: s.valueCount,
          value_min: s.valueMin,
          value_max: s.valueMax,
          value_sum: s.valueSum,
          properties: toJson(s.properties) ?? "{}",
        };
      }
      const properties = propertyMap(fromJson<Record<string, PropertyProfile>>(old.properties));
      mergeProperties(properties, s.properties);
      const min = [old.value_min, s.valueMin].filter((v): v is number => v !== null);
      const max = [old.value_max, s.valueMax].filter((v): v is number => v !== null);
      return {
        environment_id: s.environmentId,
        event_key: s.eventKey,
        first_seen: earlier(old.first_seen, s.firstSeen),
        last_seen: later(old.last_seen, s.lastSeen),
        total: Number(old.total) + s.total,
        value_count: Number(old.value_count) + s.valueCount,
        value_min: min.length > 0 ? Math.min(...min) : null,
        value_max: max.length > 0 ? Math.max(...max) : null,
        value_sum: Number(old.value_sum) + s.valueSum,
        properties: toJson(properties) ?? "{}",
      };
    });
    for (let i = 0; i < merged.length; i += 200) {
      await trx
        .insertInto("event_catalog")
        .values(merged.slice(i, i + 200))
        .onConflict((oc) =>
          oc.columns(["environment_id", "event_key"]).doUpdateSet((eb) => ({
            first_seen: eb.ref("excluded.first_seen"),
            last_seen: eb.ref("excluded.last_seen"),
            total: eb.ref("excluded.total"),
            value_count: eb.ref("excluded.value_count"),
            value_min: eb.ref("excluded.value_min"),
            value_max: eb.ref("excluded.value_max"),
            value_sum: eb.ref("excluded.value_sum"),
            properties: eb.ref("excluded.properties"),
          })),
        )
        .execute();
    }
    const hours = summaries.flatMap((s) =>
      [...s.hours].map(([hour, count]) => ({
        environment_id: s.environmentId,
        event_key: s.eventKey,
        hour,
        count,
      })),
    );
    for (let i = 0; i < hours.length; i += 500) {
      await trx
        .insertInto("event_counts")
        .values(hours.slice(i, i + 500))
        .onConflict((oc) =>
          oc.columns(["environment_id", "event_key", "hour"]).doUpdateSet((eb) => ({
            count: eb(eb.ref("event_counts.count"), "+", eb.ref("excluded.count")),
          })),
        )
        .execute();
    }
  }

  /** Every event key of an environment, most recently seen first. */
  async list(environmentId: number, now: number = Date.now()): Promise<CatalogEntry[]> {
    const rows = await this.db
      .selectFrom("event_catalog")
      .selectAll()
      .where("environment_id", "=", environmentId)
      .orderBy("last_seen", "desc")
      .execute();
    // The 24 hours end with the current hour; counts are kept per hour.
    const since = new Date(now - 23 * 3_600_000).toISOString().slice(0, 13);
    const recent = await this.db
      .selectFrom("event_counts")
      .select(["event_key", (eb) => eb.fn.sum<number | string>("count").as("n")])
      .where("environment_id", "=", environmentId)
      .where("hour", ">=", since)
      .groupBy("event_key")
      .execute();
    const last24h = new Map(recent.map((r) => [r.event_key, Number(r.n)]));
    return rows.map((row) => ({
      eventKey: row.event_key,
      firstSeen: row.first_seen,
      lastSeen: row.last_seen,
      total: Number(row.total),
      last24h: last24h.get(row.event_key) ?? 0,
      value:
        Number(row.value_count) > 0
          ? {
              count: Number(row.value_count),
              min: Number(row.value_min),
              max: Number(row.value_max),
              mean: Number(row.value_sum) / Number(row.value_count),
            }
          : null,
      properties: fromJson<Record<string, PropertyProfile>>(row.properties),
    }));
  }
}
