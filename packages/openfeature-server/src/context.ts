import type { EvaluationContext, EvaluationContextValue } from "@openfeature/server-sdk";

/** The context of our SDK: who (`key`) and what is known of them (`attributes`). */
export interface SdkContext {
  key: string;
  attributes: Record<string, unknown>;
}

/**
 * OpenFeature's context in our SDK's shape: `targetingKey` is the key, every other field an
 * attribute, dates as ISO 8601 strings (as they would travel in JSON). `hasKey` is false when
 * the context names no subject: the key is then empty.
 */
export function toSdkContext(context: EvaluationContext): {
  context: SdkContext;
  hasKey: boolean;
} {
  const { targetingKey, ...fields } = context;
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) attributes[name] = plain(value);
  const hasKey = typeof targetingKey === "string" && targetingKey.length > 0;
  return { context: { key: hasKey ? targetingKey : "", attributes }, hasKey };
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
