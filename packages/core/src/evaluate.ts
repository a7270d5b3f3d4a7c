import { defaultHash48, type Hash48 } from "./bucketing/bucket.js";
import type { JsonValue } from "./json.js";
import { type ClauseMatcher, compileClause } from "./targeting/clause.js";
import type {
  EvaluationContext,
  EvaluationErrorCode,
  EvaluationReason,
  EvaluationResult,
  Flag,
  Variant,
} from "./types.js";

/** Value served when a flag cannot produce one and the caller gave no default, as in the FlagSync SDKs. */
export const FALLBACK_VALUE = "control";

/** Options of `evaluate`. Pass a constant object: it is read, never kept. */
export interface EvaluateOptions {
  /** Served (with reason ERROR) when the flag cannot produce a value. Defaults to "control". */
  defaultValue?: JsonValue;
  /** SHA-256 prefix used for bucketing; defaults to core's own. */
  hash?: Hash48;
}

/**
 * An outcome fixed at compile time. `result` is shared by every evaluation that ends there; it
 * is undefined when the served variant is missing or has no value, so the caller's default
 * decides the value.
 */
interface Outcome {
  result: EvaluationResult | undefined;
  ruleId: number | undefined;
  errorCode: EvaluationErrorCode | undefined;
}

interface CompiledRule {
  clauses: ClauseMatcher[];
  outcome: Outcome;
}

interface CompiledSlice {
  /** Running sum of percentages up to and including this slice, summed in array order. */
  upTo: number;
  outcome: Outcome;
}

/** A flag prepared for repeated evaluation: rules compiled, results pre-built. */
export interface CompiledFlag {
  readonly key: string;
  readonly enabled: boolean;
  readonly off: Outcome;
  readonly on: Outcome;
  readonly uncovered: Outcome;
  readonly rules: readonly CompiledRule[];
  readonly slices: readonly CompiledSlice[];
  readonly seed: string;
  /** The objects compiled, so a flag whose state or variants were replaced is compiled again. */
  readonly source: { readonly state: Flag["state"]; readonly variants: Flag["variants"] };
}

function outcomeFor(
  variants: ReadonlyMap<number, Variant>,
  variantId: number,
  reason: EvaluationReason,
  ruleId?: number,
  errorCode?: EvaluationErrorCode,
): Outcome {
  const variant = variants.get(variantId);
  // A null value falls back to the default in the SDKs (`value ?? defaultValue ?? "control"`).
  if (variant === undefined || variant.value === null || variant.value === undefined) {
    return {
      result: undefined,
      ruleId,
      errorCode: variant === undefined ? "VARIANT_NOT_FOUND" : "VALUE_MISSING",
    };
  }
  const result: EvaluationResult = Object.freeze({
    value: variant.value,
    variantId: variant.id,
    variantKey: variant.key,
    reason: errorCode ? "ERROR" : reason,
    ...(ruleId === undefined ? {} : { ruleId }),
    ...(errorCode === undefined ? {} : { errorCode }),
  });
  return { result, ruleId, errorCode };
}

/** Prepares a flag for evaluation. `evaluate` does this once per flag object and caches it. */
export function compileFlag(flag: Flag): CompiledFlag {
  const variants = new Map<number, Variant>();
  for (const variant of flag.variants ?? []) {
    if (!variants.has(variant.id)) variants.set(variant.id, variant);
  }
  const state = flag.state;
  const rules = (state.rules ?? []).map((rule) => ({
    clauses: (rule.clauses ?? []).map(compileClause),
    outcome: outcomeFor(variants, rule.variantId, "TARGETING_MATCH", rule.id),
  }));
  let upTo = 0;
  const slices = (state.rollout ?? []).map((entry) => {
    upTo += entry.percentage;
    return { upTo, outcome: outcomeFor(variants, entry.variantId, "SPLIT") };
  });
  return {
    key: flag.key,
    enabled: state.enabled,
    off: outcomeFor(variants, state.offVariantId, "DISABLED"),
    on: outcomeFor(variants, state.onVariantId, "DEFAULT"),
    uncovered: outcomeFor(variants, state.offVariantId, "SPLIT", undefined, "ROLLOUT_NOT_COVERED"),
    rules,
    slices,
    seed: String(state.seed),
    source: { state, variants: flag.variants },
  };
}

const compiledFlags = new WeakMap<Flag, CompiledFlag>();

function compiledFor(flag: Flag): CompiledFlag {
  let compiled = compiledFlags.get(flag);
  if (
    compiled === undefined ||
    compiled.source.state !== flag.state ||
    compiled.source.variants !== flag.variants
  ) {
    compiled = compileFlag(flag);
    compiledFlags.set(flag, compiled);
  }
  return compiled;
}

function fallback(
  defaultValue: JsonValue | undefined,
  errorCode: EvaluationErrorCode,
  ruleId?: number,
): EvaluationResult {
  return {
    value: defaultValue ?? FALLBACK_VALUE,
    variantId: undefined,
    variantKey: undefined,
    reason: "ERROR",
    errorCode,
    ...(ruleId === undefined ? {} : { ruleId }),
  };
}

function pick(compiled: CompiledFlag, context: EvaluationContext, hash: Hash48): Outcome {
  if (!compiled.enabled) return compiled.off;
  const rules = compiled.rules;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as CompiledRule;
    const clauses = rule.clauses;
    let matched = true;
    for (let c = 0; c < clauses.length; c++) {
      if (!(clauses[c] as ClauseMatcher)(context)) {
        matched = false;
        break;
      }
    }
    if (matched) return rule.outcome;
  }
  const slices = compiled.slices;
  if (slices.length === 0) return compiled.on;
  // JS concatenation semantics of the SDKs: `context.key + seed`, so a missing key reads "undefined".
  const bucket = hash(String(context.bucketingKey ?? context.key), compiled.seed) % 100;
  for (let s = 0; s < slices.length; s++) {
    const slice = slices[s] as CompiledSlice;
    if (bucket < slice.upTo) return slice.outcome;
  }
  return compiled.uncovered;
}

/**
 * Evaluates a flag for a context with the FlagSync SDKs' semantics: off → the off variant;
 * on → the first rule whose clauses all match, else the percentage rollout, else the on variant.
 * Never throws: failures give reason ERROR and `defaultValue ?? "control"`.
 * Flags are compiled once per object and cached: replace `state` or `variants` (or the flag)
 * to change a flag, rather than editing them in place.
 *
 * @example
 * const result = evaluate(flag, { key: "user-1", attributes: { plan: "pro" } });
 * if (result.value === true) showNewCheckout();
 */
export function evaluate(
  flag: Flag,
  context: EvaluationContext,
  options?: EvaluateOptions,
): EvaluationResult {
  let compiled: CompiledFlag;
  try {
    compiled = compiledFor(flag);
  } catch {
    return fallback(options?.defaultValue, "GENERAL");
  }
  return evaluateCompiled(compiled, context, options);
}

/** Evaluates an already compiled flag; the fastest path for hosts that hold compiled flags. */
export function evaluateCompiled(
  compiled: CompiledFlag,
  context: EvaluationContext,
  options?: EvaluateOptions,
): EvaluationResult {
  const defaultValue = options?.defaultValue;
  try {
    if (context === null || typeof context !== "object") {
      return fallback(defaultValue, "INVALID_CONTEXT");
    }
    const outcome = pick(compiled, context, options?.hash ?? defaultHash48);
    return outcome.result ?? fallback(defaultValue, outcome.errorCode ?? "GENERAL", outcome.ruleId);
  } catch {
    return fallback(defaultValue, "GENERAL");
  }
}
