import type { EvaluationContext } from "@flagsync-oss/core";
import { storableJson, UNSTORABLE_MESSAGE, unstorable, unstorableField } from "../http/storable.js";
import { checkContext } from "../sdk-api/context.js";

/** Limits on what an event or impression may carry; each is documented in the README. */
export const EVENT_LIMITS = {
  /** Longest event key. */
  eventKeyLength: 200,
  /** Longest flag key an impression may name. */
  flagKeyLength: 200,
  /** Deepest nesting of properties (an object of objects of … counts one per level). */
  propertiesDepth: 8,
  /** Most keys in properties, counted over every level. */
  propertiesKeys: 256,
  /** Largest properties (or impression value) as JSON. */
  propertiesBytes: 32_768,
  /** Longest client-supplied event id. */
  idLength: 128,
  /** How far in the future a timestamp may lie (clock skew), in ms. */
  futureMs: 24 * 60 * 60 * 1000,
} as const;

/** Control characters, and white space at either end, are not part of an event key. */
function isBadKey(key: string): boolean {
  if (/^\s|\s$/.test(key)) return true;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function checkKey(value: unknown, name: string, max: number): string {
  if (typeof value !== "string" || value.length === 0 || value.length > max) {
    throw new Error(`${name} must be a string of 1 to ${max} characters`);
  }
  if (unstorable(value)) throw new Error(`${name} ${UNSTORABLE_MESSAGE}`);
  if (isBadKey(value))
    throw new Error(`${name} must not contain control characters or start or end with white space`);
  return value;
}

/** Measures depth and key count of a JSON value without recursion (any input depth is safe). */
function shapeOf(value: unknown): { depth: number; keys: number } {
  let depth = 0;
  let keys = 0;
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, level] = next;
    if (current === null || typeof current !== "object") continue;
    depth = Math.max(depth, level);
    if (depth > EVENT_LIMITS.propertiesDepth) return { depth, keys };
    const children = Array.isArray(current) ? current : Object.values(current);
    if (!Array.isArray(current)) keys += children.length;
    if (keys > EVENT_LIMITS.propertiesKeys) return { depth, keys };
    for (const child of children) stack.push([child, level + 1]);
  }
  return { depth, keys };
}

/** Encodes a JSON value within the size limit, or explains why it cannot be stored. */
function boundedJson(value: unknown, name: string): string {
  const shape = shapeOf(value);
  if (shape.depth > EVENT_LIMITS.propertiesDepth)
    throw new Error(`${name} nest deeper than ${EVENT_LIMITS.propertiesDepth} levels`);
  if (shape.keys > EVENT_LIMITS.propertiesKeys)
    throw new Error(`${name} hold more than ${EVENT_LIMITS.propertiesKeys} keys`);
  const json = JSON.stringify(value);
  if (!storableJson(json))
    throw new Error(`${name}${unstorableField(value) ?? ""} ${UNSTORABLE_MESSAGE}`);
  if (json.length > EVENT_LIMITS.propertiesBytes)
    throw new Error(`${name} exceed ${EVENT_LIMITS.propertiesBytes} bytes as JSON`);
  return json;
}

/**
 * A timestamp in ms: an ISO string or epoch milliseconds; absent means "when received". Refused
 * when unparseable, more than 24 h ahead of the server clock, or older than the retention.
 */
export function timestampOf(raw: unknown, receivedAt: number, retentionDays: number): number {
  if (raw === undefined || raw === null) return receivedAt;
  const ms = typeof raw === "number" ? raw : typeof raw === "string" ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms))
    throw new Error("timestamp is not a date (use an ISO 8601 string or epoch milliseconds)");
  if (ms > receivedAt + EVENT_LIMITS.futureMs)
    throw new Error("timestamp is more than 24 hours in the future");
  if (ms < receivedAt - retentionDays * 86_400_000)
    throw new Error(`timestamp is older than the ${retentionDays}-day retention`);
  return Math.trunc(ms);
}

/** A valid event, ready to store. */
export interface ValidEvent {
  eventKey: string;
  userKey: string;
  value: number | null;
  propertiesJson: string | null;
  contextJson: string;
  timestamp: number;
  clientId: string | null;
}

/** A valid impression, ready to store. */
export interface ValidImpression {
  flagKey: string;
  userKey: string;
  valueJson: string;
  /** Who saw it, as the SDK evaluated for them: the server evaluates it again to check. */
  context: EvaluationContext;
  contextJson: string;
  timestamp: number;
}

/** The item's user context (or the batch's shared one) and its JSON, as stored. */
function contextOf(
  item: Record<string, unknown>,
  shared: EvaluationContext | undefined,
  at: string,
): { context: EvaluationContext; json: string } {
  let context = shared;
  if (!context) {
    const checked = checkContext(item.context, `${at}.context`);
    if ("problem" in checked) throw new Error(checked.problem.message);
    context = checked.context;
  }
  const json = JSON.stringify(context);
  if (!shared && !storableJson(json))
    throw new Error(`context${unstorableField(context) ?? ""} ${UNSTORABLE_MESSAGE}`);
  return { context, json };
}

/**
 * Checks one event of a batch. Official SDKs send `value` and `properties` as explicit nulls or
 * leave them out; both mean "none". Throws an Error whose message is the reason reported back.
 */
export function validateEvent(
  raw: unknown,
  shared: EvaluationContext | undefined,
  index: number,
  receivedAt: number,
  retentionDays: number,
): ValidEvent {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new Error("must be an object");
  const item = raw as Record<string, unknown>;
  const eventKey = checkKey(item.eventKey, "eventKey", EVENT_LIMITS.eventKeyLength);
  const value = item.value;
  if (
    value !== undefined &&
    value !== null &&
    (typeof value !== "number" || !Number.isFinite(value))
  ) {
    throw new Error("value must be a finite number, null or absent");
  }
  const properties = item.properties;
  if (
    properties !== undefined &&
    properties !== null &&
    (typeof properties !== "object" || Array.isArray(properties))
  ) {
    throw new Error("properties must be an object, null or absent");
  }
  const id = item.id;
  if (
    id !== undefined &&
    id !== null &&
    (typeof id !== "string" || id.length === 0 || id.length > EVENT_LIMITS.idLength)
  ) {
    throw new Error(`id must be a string of 1 to ${EVENT_LIMITS.idLength} characters`);
  }
  if (typeof id === "string" && unstorable(id)) throw new Error(`id ${UNSTORABLE_MESSAGE}`);
  const { context, json } = contextOf(item, shared, `events[${index}]`);
  return {
    eventKey,
    userKey: context.key,
    value: (value as number | null | undefined) ?? null,
    propertiesJson:
      properties === undefined || properties === null
        ? null
        : boundedJson(properties, "properties"),
    contextJson: json,
    timestamp: timestampOf(item.timestamp, receivedAt, retentionDays),
    clientId: typeof id === "string" ? id : null,
  };
}

/** Checks one impression of a batch: a flag key, the value served (any JSON) and who saw it. */
export function validateImpression(
  raw: unknown,
  shared: EvaluationContext | undefined,
  index: number,
  receivedAt: number,
  retentionDays: number,
): ValidImpression {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw))
    throw new Error("must be an object");
  const item = raw as Record<string, unknown>;
  const flagKey = checkKey(item.flagKey, "flagKey", EVENT_LIMITS.flagKeyLength);
  const { context, json } = contextOf(item, shared, `impressions[${index}]`);
  return {
    flagKey,
    userKey: context.key,
    // Wrapped so any JSON value (even a bare string) is stored as an object.
    valueJson: boundedJson({ value: item.flagValue ?? null }, "flagValue"),
    context,
    contextJson: json,
    timestamp: timestampOf(item.timestamp, receivedAt, retentionDays),
  };
}
