import type { JsonValue } from "./json.js";
import type { Variant } from "./types.js";

/**
 * JSON text with object keys sorted, so equal values give equal text whatever their key order.
 *
 * @example canonicalJson({ b: 1, a: [true] }) // '{"a":[true],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
}

/** Finds variants by served value; built once per flag configuration. */
export type VariantLookup = (value: unknown) => number | undefined;

/**
 * Maps a served value back to the variant that serves it, as the official SDKs report values,
 * not variant ids. Undefined (unknown) when no variant has the value or when several do: a
 * guess would bias every analysis built on it. The SDKs' fallback "control" belongs to the one
 * variant whose value is "control" (a fallback served instead of another variant then shows as
 * a second variant or a mismatch, never as a silently lost baseline); with no such variant it is
 * unknown.
 */
export function variantLookup(variants: readonly Variant[]): VariantLookup {
  const byValue = new Map<string, number | null>();
  for (const variant of variants) {
    const text = canonicalJson(variant.value);
    byValue.set(text, byValue.has(text) ? null : variant.id);
  }
  return (value) => {
    return byValue.get(canonicalJson(value as JsonValue)) ?? undefined;
  };
}
