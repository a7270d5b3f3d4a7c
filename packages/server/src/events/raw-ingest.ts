import type { EvaluationContext } from "@flagsync-oss/core";
import type { Insertable, Kysely } from "kysely";
import { UNSTORABLE_MESSAGE, unstorableField } from "../http/storable.js";
import { parseContext } from "../sdk-api/context.js";
import { SdkError } from "../sdk-api/sdk-errors.js";
import { nowIso, toJson } from "../storage/dialects.js";
import type { RawEventsTable, RawImpressionsTable, Tables } from "../storage/tables.js";

/** Most items one batch may carry. */
export const MAX_BATCH_ITEMS = 10_000;
const MAX_EVENT_KEY_LENGTH = 200;
const MAX_PROPERTIES_BYTES = 32_768;

/** What a track endpoint answers: how many items were kept and why the others were not. */
export interface IngestResult {
  accepted: number;
  rejected: { index: number; reason: string }[];
}

function itemsOf(body: unknown, field: "events" | "impressions"): unknown[] {
  const items = (body as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(items))
    throw new SdkError(400, "INVALID_CONFIGURATION", `${field} must be an array`);
  if (items.length > MAX_BATCH_ITEMS)
    throw new SdkError(
      413,
      "INVALID_CONFIGURATION",
      `${field} holds more than ${MAX_BATCH_ITEMS} items`,
    );
  return items;
}

/** The shared context of a client batch, refused whole when it cannot be stored. */
function sharedContext(body: unknown): EvaluationContext {
  const context = parseContext((body as { context?: unknown }).context, "context");
  const field = unstorableField(context);
  if (field !== undefined)
    throw new SdkError(400, "INVALID_CONFIGURATION", `context${field} ${UNSTORABLE_MESSAGE}`);
  return context;
}

/** Refuses an item whose stored fields hold a string PostgreSQL cannot store (on both databases). */
function checkStorable(item: Record<string, unknown>, fields: readonly string[]): void {
  for (const name of fields) {
    const field = unstorableField(item[name]);
    if (field !== undefined) throw new Error(`${name}${field} ${UNSTORABLE_MESSAGE}`);
  }
}

function timestampOf(raw: unknown, receivedAt: number): string {
  if (raw === undefined || raw === null) return new Date(receivedAt).toISOString();
  const ms = typeof raw === "number" ? raw : typeof raw === "string" ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms)) throw new Error("timestamp is not a date");
  if (ms > receivedAt + 86_400_000)
    throw new Error("timestamp is more than 24 hours in the future");
  return new Date(ms).toISOString();
}

/**
 * Stores events and impressions as they arrive, item by item: good items are kept, bad ones
 * are reported by index with the reason, and the request is answered after the commit.
 */
export class RawIngest {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly now: () => number = Date.now,
  ) {}

  async events(
    environmentId: number,
    source: "server" | "client",
    body: unknown,
  ): Promise<IngestResult> {
    const items = itemsOf(body, "events");
    const shared = source === "client" ? sharedContext(body) : undefined;
    const receivedAt = this.now();
    const rejected: IngestResult["rejected"] = [];
    const rows: Tables["raw_events"][] = [];
    items.forEach((item, index) => {
      try {
        if (item === null || typeof item !== "object") throw new Error("must be an object");
        const event = item as Record<string, unknown>;
        checkStorable(event, ["eventKey", "properties", "context"]);
        const context: EvaluationContext =
          shared ?? parseContext(event.context, `events[${index}].context`);
        const key = event.eventKey;
        if (typeof key !== "string" || key.length === 0 || key.length > MAX_EVENT_KEY_LENGTH) {
          throw new Error(`eventKey must be a string of 1 to ${MAX_EVENT_KEY_LENGTH} characters`);
        }
        const value = event.value;
        if (
          value !== undefined &&
          value !== null &&
          (typeof value !== "number" || !Number.isFinite(value))
        ) {
          throw new Error("value must be a finite number or null");
        }
        const properties = event.properties;
        if (
          properties !== undefined &&
          properties !== null &&
          (typeof properties !== "object" || Array.isArray(properties))
        ) {
          throw new Error("properties must be an object or null");
        }
        const propertiesJson = toJson(properties);
        if (propertiesJson !== null && propertiesJson.length > MAX_PROPERTIES_BYTES)
          throw new Error(`properties exceed ${MAX_PROPERTIES_BYTES} bytes`);
        rows.push({
          environment_id: environmentId,
          event_key: key,
          user_key: context.key,
          value: (value as number | null | undefined) ?? null,
          properties: propertiesJson,
          context: toJson(context),
          timestamp: timestampOf(event.timestamp, receivedAt),
          received_at: nowIso(() => receivedAt),
          source,
        } as Tables["raw_events"]);
      } catch (error) {
        rejected.push({
          index,
          reason: error instanceof SdkError || error instanceof Error ? error.message : "invalid",
        });
      }
    });
    await this.insert("raw_events", rows);
    return { accepted: rows.length, rejected };
  }

  async impressions(
    environmentId: number,
    source: "server" | "client",
    body: unknown,
  ): Promise<IngestResult> {
    const items = itemsOf(body, "impressions");
    const shared = source === "client" ? sharedContext(body) : undefined;
    const receivedAt = this.now();
    const rejected: IngestResult["rejected"] = [];
    const rows: Tables["raw_impressions"][] = [];
    items.forEach((item, index) => {
      try {
        if (item === null || typeof item !== "object") throw new Error("must be an object");
        const impression = item as Record<string, unknown>;
        checkStorable(impression, ["flagKey", "flagValue", "context"]);
        const context = shared ?? parseContext(impression.context, `impressions[${index}].context`);
        const key = impression.flagKey;
        if (typeof key !== "string" || key.length === 0 || key.length > 200)
          throw new Error("flagKey must be a string of 1 to 200 characters");
        rows.push({
          environment_id: environmentId,
          flag_key: key,
          user_key: context.key,
          // Wrapped so any JSON value (even a bare string) is stored as an object.
          flag_value: toJson({ value: impression.flagValue ?? null }),
          context: toJson(context),
          timestamp: timestampOf(impression.timestamp, receivedAt),
          received_at: nowIso(() => receivedAt),
          source,
        } as Tables["raw_impressions"]);
      } catch (error) {
        rejected.push({ index, reason: error instanceof Error ? error.message : "invalid" });
      }
    });
    await this.insert("raw_impressions", rows);
    return { accepted: rows.length, rejected };
  }

  private async insert<Row>(table: "raw_events" | "raw_impressions", rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      // Chunked to stay under both drivers' bound-parameter limits.
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        if (table === "raw_events") {
          await trx
            .insertInto("raw_events")
            .values(chunk as Insertable<RawEventsTable>[])
            .execute();
        } else {
          await trx
            .insertInto("raw_impressions")
            .values(chunk as Insertable<RawImpressionsTable>[])
            .execute();
        }
      }
    });
  }
}
