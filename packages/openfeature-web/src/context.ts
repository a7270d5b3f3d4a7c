import type { EvaluationContext, EvaluationContextValue } from "@openfeature/web-sdk";

/** The context of our SDKs: who (`key`) and what is known of them (`attributes`). */
export interface WebContext {
  key: string;
  attributes: Record<string, unknown>;
  /** What rollouts bucket by instead of `key` (an anonymous id kept after signing in). */
  bucketingKey?: string;
}

/**
 * OpenFeature's context in our SDK's shape: `targetingKey` is the key, a string
 * `bucketingKey` what rollouts bucket by, every other field an attribute, dates as ISO 8601
 * strings (as they travel in JSON). Undefined without a targeting key: the server evaluates for
 * a user, and needs to know which.
 */
export function toWebContext(context: EvaluationContext): WebContext | undefined {
  const { targetingKey, ...fields } = context;
  if (typeof targetingKey !== "string" || targetingKey.length === 0) return undefined;
  const bucketingKey =
    typeof fields.bucketingKey === "string" && fields.bucketingKey.length > 0
      ? fields.bucketingKey
      : undefined;
  if (bucketingKey !== undefined) delete fields.bucketingKey;
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) attributes[name] = plain(value);
  return { key: targetingKey, attributes, ...(bucketingKey === undefined ? {} : { bucketingKey }) };
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
