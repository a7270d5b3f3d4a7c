import {
  ErrorCode,
  type FlagMetadata,
  type ResolutionDetails,
  StandardResolutionReasons,
} from "@openfeature/core";

/** The four resolution methods of an OpenFeature provider. */
export type ValueKind = "boolean" | "string" | "number" | "object";

/**
 * A flag's details as our SDKs answer them: sdk-node's `FlagDetails` and sdk-web's
 * `WebFlagDetails` (whose reason may also be CACHED) are both of this shape.
 */
export interface SdkFlagDetails {
  value: unknown;
  variant: string | null;
  variantId: number | null;
  reason: string;
  ruleId: number | null;
  errorCode: string | null;
}

/** How a provider's SDK differs in what its details mean. */
export interface ResolutionOptions {
  /** Why the SDK answers INVALID_CONTEXT, as the error message says it. */
  invalidContext: string;
  /**
   * The context has a targeting key or a bucketing key (default true). Without either, a value
   * drawn by the rollout is a TARGETING_KEY_MISSING: every such context would land in the same
   * bucket.
   */
  canBucket?: boolean;
}

/** Our SDKs' error codes in OpenFeature's; those of a flag's broken configuration are PARSE_ERROR. */
const ERROR_CODES: Record<string, ErrorCode> = {
  FLAG_NOT_FOUND: ErrorCode.FLAG_NOT_FOUND,
  TYPE_MISMATCH: ErrorCode.TYPE_MISMATCH,
  INVALID_CONTEXT: ErrorCode.INVALID_CONTEXT,
  VARIANT_NOT_FOUND: ErrorCode.PARSE_ERROR,
  VALUE_MISSING: ErrorCode.PARSE_ERROR,
  ROLLOUT_NOT_COVERED: ErrorCode.PARSE_ERROR,
  GENERAL: ErrorCode.GENERAL,
};

/** Why each error code of ours happens, as the error message says it (INVALID_CONTEXT: per SDK). */
const ERROR_MESSAGES: Record<string, string> = {
  FLAG_NOT_FOUND: "no such flag in this environment",
  TYPE_MISMATCH: "the flag's value is of another type",
  VARIANT_NOT_FOUND: "the variant to serve is not among the flag's variants",
  VALUE_MISSING: "the variant to serve has no value",
  ROLLOUT_NOT_COVERED: "the flag's rollout percentages do not cover every user",
};

/** Whether `value` is a value of the kind asked for (an object is any JSON object or array). */
export function isKind(value: unknown, kind: ValueKind): boolean {
  if (kind === "object") return value !== null && typeof value === "object";
  if (kind === "number") return typeof value === "number" && Number.isFinite(value);
  return typeof value === kind;
}

/** A resolution that failed: the caller's default, reason ERROR and the code. */
export function failure<T>(
  defaultValue: T,
  errorCode: ErrorCode,
  errorMessage: string,
  flagMetadata?: FlagMetadata,
): ResolutionDetails<T> {
  return {
    value: defaultValue,
    reason: StandardResolutionReasons.ERROR,
    errorCode,
    errorMessage,
    ...(flagMetadata ? { flagMetadata } : {}),
  };
}

/**
 * Our SDK's details of a flag as OpenFeature's resolution details. Reasons keep their names
 * (TARGETING_MATCH, SPLIT, DEFAULT, DISABLED and CACHED are OpenFeature's too); errors give the
 * caller's default with the matching error code. A value of another kind than asked for is a
 * TYPE_MISMATCH, and a value drawn by the rollout for a context that cannot be bucketed a
 * TARGETING_KEY_MISSING.
 */
export function resolutionOf<T>(
  flagKey: string,
  details: SdkFlagDetails,
  kind: ValueKind,
  defaultValue: T,
  { invalidContext, canBucket = true }: ResolutionOptions,
): ResolutionDetails<T> {
  const flagMetadata: FlagMetadata = {};
  if (details.variantId !== null) flagMetadata.variantId = details.variantId;
  if (details.ruleId !== null) flagMetadata.ruleId = details.ruleId;

  if (details.reason === "ERROR") {
    const code = details.errorCode ?? "GENERAL";
    const why = code === "INVALID_CONTEXT" ? invalidContext : ERROR_MESSAGES[code];
    return failure(
      defaultValue,
      ERROR_CODES[code] ?? ErrorCode.GENERAL,
      `${flagKey}: ${why ?? "the flag could not be evaluated"} (${code})`,
      flagMetadata,
    );
  }
  if (!isKind(details.value, kind)) {
    return failure(
      defaultValue,
      ErrorCode.TYPE_MISMATCH,
      `${flagKey}: the flag's value is ${describe(details.value)}, not ${article(kind)}`,
      flagMetadata,
    );
  }
  if (!canBucket && details.reason === "SPLIT") {
    return failure(
      defaultValue,
      ErrorCode.TARGETING_KEY_MISSING,
      `${flagKey}: the flag's rollout buckets users by their targeting key, and the context has none`,
      flagMetadata,
    );
  }
  return {
    value: details.value as T,
    reason: details.reason,
    flagMetadata,
    ...(details.variant === null ? {} : { variant: details.variant }),
  };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return article(typeof value);
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
