import { bucketFor } from "./bucketing/bucket.js";
import { evaluate } from "./evaluate.js";
import { compileClause } from "./targeting/clause.js";
import type { Clause, EvaluationContext, EvaluationResult, Flag } from "./types.js";

/** How one evaluation went, step by step: what `evaluate` served and why. */
export interface Explanation {
  /** Exactly what `evaluate` returns for the same flag and context. */
  result: EvaluationResult;
  enabled: boolean;
  /** The rules in order: each clause's outcome, up to the first rule that matched. */
  rules: {
    id: number;
    name: string;
    variant: string | undefined;
    /** Not evaluated: a rule before it matched, or the flag is off. */
    evaluated: boolean;
    matched: boolean;
    clauses: (Clause & { matched: boolean | null })[];
  }[];
  /** The percentage rollout when no rule matched: the context's bucket (0–99) and each slice. */
  rollout: {
    bucket: number;
    slices: { variant: string | undefined; from: number; to: number; chosen: boolean }[];
  } | null;
}

/**
 * Explains an evaluation ("why did this user get that?"): the result of `evaluate`, and the
 * trail that led to it, each clause's outcome and the rollout bucket. Slower than `evaluate`
 * (nothing is compiled ahead): for people, not for serving.
 */
export function explain(flag: Flag, context: EvaluationContext): Explanation {
  const result = evaluate(flag, context);
  const state = flag.state;
  const keyOf = (id: number) => flag.variants.find((v) => v.id === id)?.key;
  let decided = !state.enabled;
  const rules = (state.rules ?? []).map((rule) => {
    const evaluated = !decided;
    let matched = evaluated;
    const clauses = (rule.clauses ?? []).map((clause) => {
      if (!evaluated || !matched) return { ...clause, matched: null };
      const outcome = compileClause(clause)(context);
      if (!outcome) matched = false;
      return { ...clause, matched: outcome };
    });
    if (matched) decided = true;
    return {
      id: rule.id,
      name: rule.name ?? "",
      variant: keyOf(rule.variantId),
      evaluated,
      matched,
      clauses,
    };
  });
  let rollout: Explanation["rollout"] = null;
  if (!decided && (state.rollout ?? []).length > 0) {
    const bucket = bucketFor(String(context.bucketingKey ?? context.key), String(state.seed));
    let from = 0;
    rollout = {
      bucket,
      slices: state.rollout.map((entry) => {
        const slice = {
          variant: keyOf(entry.variantId),
          from,
          to: from + entry.percentage,
          chosen: bucket >= from && bucket < from + entry.percentage,
        };
        from += entry.percentage;
        return slice;
      }),
    };
  }
  return { result, enabled: state.enabled, rules, rollout };
}
