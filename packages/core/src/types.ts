import type { JsonValue } from "./json.js";

/** The data type shared by every variant of a flag. */
export type FlagType = "boolean" | "string" | "number" | "json";

/** All flag types, in display order. */
export const FLAG_TYPES: readonly FlagType[] = ["boolean", "string", "number", "json"];

/** One value a flag can serve. `id` is stable and unique within the flag; `key` is the human handle. */
export interface Variant {
  id: number;
  key: string;
  name?: string;
  description?: string;
  value: JsonValue;
}

/** Where a clause reads its value from the evaluation context. */
export type Attribute = "KEY" | "EMAIL" | "IP" | "COUNTRY" | "CUSTOM";

/**
 * All clause attributes. IP and COUNTRY read the context's `ip` and `country`, which only a
 * server evaluating for client SDKs fills in; in local evaluation they never match, as in the SDKs.
 */
export const ATTRIBUTES: readonly Attribute[] = ["KEY", "EMAIL", "IP", "COUNTRY", "CUSTOM"];

/**
 * Clause operators, with the FlagSync wire codes. Several values of one clause are ORed;
 * the negated operators are the NOT of "some value matches".
 */
export const OPERATORS = {
  IOO: "is one of",
  INOO: "is not one of",
  SW: "starts with",
  DNSW: "does not start with",
  EW: "ends with",
  DNEW: "does not end with",
  MR: "matches regex",
  DNMR: "does not match regex",
  GT: "greater than",
  GTE: "greater than or equal",
  LT: "less than",
  LTE: "less than or equal",
  SVGT: "semver greater than",
  SVGTE: "semver greater than or equal",
  SVLT: "semver less than",
  SVLTE: "semver less than or equal",
} as const;

/** A clause operator code. */
export type Operator = keyof typeof OPERATORS;

/** One condition of a targeting rule. `customAttribute` names the attribute when `attribute` is CUSTOM. */
export interface Clause {
  attribute: Attribute;
  customAttribute?: string | null;
  operator: Operator;
  values: string[];
}

/** Serves `variantId` to contexts that match every clause (an empty clause list matches everyone). */
export interface TargetingRule {
  id: number;
  name?: string;
  variantId: number;
  clauses: Clause[];
}

/** One slice of a percentage rollout. Slices are walked in array order. */
export interface RolloutEntry {
  variantId: number;
  percentage: number;
}

/** The state of a flag in one environment. */
export interface FlagState {
  /** When false, `offVariantId` is served and rules and rollout are skipped. */
  enabled: boolean;
  /** Served when the flag is off (and when a rollout does not cover a bucket). */
  offVariantId: number;
  /** Served when the flag is on, no rule matches and there is no rollout. */
  onVariantId: number;
  /** Salt of the bucketing hash; a new seed reshuffles who lands where. */
  seed: string;
  /** Percentage rollout used when no rule matches; empty means no rollout. */
  rollout: RolloutEntry[];
  /** Targeting rules in evaluation order; the first match wins. */
  rules: TargetingRule[];
}

/** A flag as evaluated in one environment: its variants plus that environment's state. */
export interface Flag {
  key: string;
  type: FlagType;
  variants: Variant[];
  state: FlagState;
}

/** Who a flag is evaluated for. Only `key` is hashed for rollouts. */
export interface EvaluationContext {
  key: string;
  attributes?: Record<string, unknown> | null;
  /**
   * What percentage rollouts bucket by instead of `key` (our SDKs; FlagSync's never send it):
   * a visitor who signs in keeps their variant when the app keeps this (e.g. the anonymous id)
   * while `key` becomes the user's id. Targeting clauses on the key still read `key`.
   */
  bucketingKey?: string;
  /**
   * The caller's IP address, read by IP clauses. SDKs never send it: a server evaluating for a
   * client SDK fills it from the request. Absent, IP clauses never match (as in the SDKs).
   */
  ip?: string;
  /** The caller's country code, read by COUNTRY clauses; filled by a server like `ip`. */
  country?: string;
}

/** Why a variant was served. */
export const EVALUATION_REASONS = [
  "TARGETING_MATCH",
  "SPLIT",
  "DEFAULT",
  "DISABLED",
  "ERROR",
] as const;
export type EvaluationReason = (typeof EVALUATION_REASONS)[number];

/** Machine-readable cause of an ERROR result. */
export type EvaluationErrorCode =
  | "FLAG_NOT_FOUND"
  | "VARIANT_NOT_FOUND"
  | "VALUE_MISSING"
  | "ROLLOUT_NOT_COVERED"
  | "INVALID_CONTEXT"
  /** The flag's value is not of the type the caller asked for (an SDK's typed call). */
  | "TYPE_MISMATCH"
  | "GENERAL";

/** The outcome of one evaluation. Results are immutable and may be shared between calls. */
export interface EvaluationResult {
  readonly value: JsonValue;
  /** The variant served, or undefined when the fallback value was served. */
  readonly variantId: number | undefined;
  readonly variantKey: string | undefined;
  readonly reason: EvaluationReason;
  /** Set when reason is TARGETING_MATCH. */
  readonly ruleId?: number;
  /** Set when reason is ERROR. */
  readonly errorCode?: EvaluationErrorCode;
}

/** A flag's value for a context and why: what our SDKs answer, and the server sends our browser SDK. */
export interface FlagDetails<T extends JsonValue = JsonValue> {
  value: T;
  variant: string | null;
  variantId: number | null;
  reason: EvaluationReason;
  ruleId: number | null;
  errorCode: EvaluationErrorCode | null;
}

/** What our SDKs tell their listeners. */
export type ClientEvent =
  /** Flags arrived from the server: the first time, or again after being stale. */
  | { type: "ready" }
  /** Flags changed (a live update, a poll, another user); `keys` names them. */
  | { type: "change"; keys: string[] }
  /** The server was lost: the last flags received are served until it is back. */
  | { type: "stale"; error?: Error }
  /** Flags could not be had (e.g. the server is down at start). */
  | { type: "error"; error: Error };
