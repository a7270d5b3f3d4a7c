import type {
  EvaluationContext,
  EvaluationContextValue,
  TrackingEventDetails,
} from "@openfeature/core";

/** The context of our SDKs: who (`key`) and what is known of them (`attributes`). */
export interface SdkContext {
  key: string;
  attributes: Record<string, unknown>;
  /** What rollouts bucket by instead of `key` (an anonymous id kept after signing in). */
  bucketingKey?: string;
}

/**
 * OpenFeature's context in our SDKs' shape: `targetingKey` is the key, a string
 * `bucketingKey` what rollouts bucket by, every other field an attribute, dates as ISO 8601
 * strings (as they travel in JSON). `hasKey` is false when the context names no subject
 * (the key is then empty); `canBucket` when it has a key or a bucketing key.
 */
export function toSdkContext(context: EvaluationContext): {
  context: SdkContext;
  hasKey: boolean;
  canBucket: boolean;
} {
  const { targetingKey, ...fields } = context;
  const bucketingKey = nonEmpty(fields.bucketingKey);
  if (bucketingKey !== undefined) delete fields.bucketingKey;
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) attributes[name] = plain(value);
  const key = nonEmpty(targetingKey);
  return {
    context: {
      key: key ?? "",
      attributes,
      ...(bucketingKey === undefined ? {} : { bucketingKey }),
    },
    hasKey: key !== undefined,
    canBucket: key !== undefined || bucketingKey !== undefined,
  };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** A context or tracking value without dates: they become ISO 8601 strings. */
export function plain(value: EvaluationContextValue): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) copy[name] = plain(item);
    return copy;
  }
  return value;
}

/**
 * OpenFeature's tracking details as our SDKs' `track` takes them: `value` (a number) is the
 * event's value, the other details its properties (none when there are none).
 */
export function trackedEvent(details: TrackingEventDetails): {
  value: number | undefined;
  properties: Record<string, unknown> | undefined;
} {
  const { value, ...properties } = details;
  return {
    value: typeof value === "number" ? value : undefined,
    properties:
      Object.keys(properties).length > 0
        ? (plain(properties) as Record<string, unknown>)
        : undefined,
  };
}
