import type { Clause, EvaluationContext, Flag, JsonValue } from "@flagsync-oss/core";
import {
  type ConditionInterface,
  type FeatureDefinition,
  type FeatureRule,
  GrowthBookClient,
  type UserContext,
} from "@growthbook/growthbook";
import { type PeerFactory, peerAttribute, versionOf, weigh } from "../peer.js";

type Condition = Record<string, unknown>;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** One clause as a condition over its attribute; several values are ORed. */
function operatorCondition(clause: Clause): Condition {
  const values = clause.values;
  const numbers = values.map(Number.parseFloat).filter((n) => !Number.isNaN(n));
  const anyOf = (op: string, list: unknown[]): Condition =>
    list.length === 1 ? { [op]: list[0] } : { $or: list.map((v) => ({ [op]: v })) };
  switch (clause.operator) {
    case "IOO":
      return { $in: values };
    // GrowthBook has no starts/ends-with: a regex does it.
    case "SW":
      return { $regex: `^(?:${values.map(escapeRegex).join("|")})` };
    case "EW":
      return { $regex: `(?:${values.map(escapeRegex).join("|")})$` };
    case "GT":
      return anyOf("$gt", numbers);
    case "GTE":
      return anyOf("$gte", numbers);
    case "LT":
      return anyOf("$lt", numbers);
    case "LTE":
      return anyOf("$lte", numbers);
    case "SVGT":
      return anyOf("$vgt", values);
    case "SVGTE":
      return anyOf("$vgte", values);
    case "SVLT":
      return anyOf("$vlt", values);
    case "SVLTE":
      return anyOf("$vlte", values);
    default:
      throw new Error(`GrowthBook adapter: operator ${clause.operator} not supported`);
  }
}

/** All clauses of a rule ANDed, or undefined when the rule can never match. */
function ruleCondition(clauses: readonly Clause[]): Condition | undefined {
  const parts: Condition[] = [];
  for (const clause of clauses) {
    const attribute = peerAttribute(clause, "id");
    if (attribute === undefined) return undefined;
    const condition = operatorCondition(clause);
    // `{ attr: { $or: [...] } }` is not valid; an OR of several values goes to the top level.
    parts.push(
      "$or" in condition
        ? { $or: (condition.$or as Condition[]).map((c) => ({ [attribute]: c })) }
        : { [attribute]: condition },
    );
  }
  return parts.length === 1 ? (parts[0] as Condition) : { $and: parts };
}

/** Our flag as a GrowthBook feature: force rules with conditions, then an experiment rule. */
function toFeature(flag: Flag): FeatureDefinition {
  const value = (id: number): JsonValue => flag.variants.find((v) => v.id === id)?.value ?? null;
  const state = flag.state;
  if (!state.enabled) return { defaultValue: value(state.offVariantId) };
  const rules: FeatureRule[] = [];
  for (const rule of state.rules) {
    const condition = ruleCondition(rule.clauses);
    if (condition === undefined) continue;
    rules.push({
      id: `rule-${rule.id}`,
      condition: condition as ConditionInterface,
      force: value(rule.variantId),
    });
  }
  if (state.rollout.length > 0) {
    const variations = state.rollout.map((slice) => value(slice.variantId));
    const weights = state.rollout.map((slice) => slice.percentage / 100);
    const covered = state.rollout.reduce((sum, slice) => sum + slice.percentage, 0);
    if (covered < 100) {
      variations.push(value(state.offVariantId));
      weights.push((100 - covered) / 100);
    }
    rules.push({
      id: "rollout",
      key: flag.key,
      variations,
      weights,
      hashAttribute: "id",
      hashVersion: 2,
      seed: state.seed,
    });
  }
  return { defaultValue: value(state.onVariantId), rules };
}

/**
 * GrowthBook's multi-user server client (`GrowthBookClient`), initialised synchronously from a
 * features payload. Targeting rules are force rules with conditions (ends-with is a `$regex`),
 * the rollout an experiment rule hashed on the `id` attribute with the flag's seed. Impressions
 * on: a second client whose `onFeatureUsage` and `trackingCallback` push into an array.
 */
export const growthbook: PeerFactory = async (flags) => {
  const payload = { features: Object.fromEntries(flags.map((f) => [f.key, toFeature(f)])) };
  let queue: unknown[] = [];
  const quiet = new GrowthBookClient().initSync({ payload });
  const tracking = new GrowthBookClient({
    onFeatureUsage: (key, result, user) => {
      queue.push({ key, value: result.value, user: user.attributes?.id, at: Date.now() });
    },
    trackingCallback: (experiment, result, user) => {
      queue.push({
        experiment: experiment.key,
        variation: result.key,
        user: user.attributes?.id,
        at: Date.now(),
      });
    },
  }).initSync({ payload });
  const calls = flags.map((f) => ({
    key: f.key,
    fallback: f.variants.find((v) => v.id === f.state.offVariantId)?.value ?? null,
  }));
  const userContext = (user: EvaluationContext): UserContext => ({
    attributes: { ...user.attributes, id: user.key },
  });
  return {
    name: `GrowthBook ${versionOf("@growthbook/growthbook")} (GrowthBookClient)`,
    canDisableImpressions: true,
    runAll(users, impressions) {
      const gb = impressions ? tracking : quiet;
      let sum = 0;
      for (const user of users) {
        const context = userContext(user);
        for (const { key, fallback } of calls) {
          sum += weigh(gb.getFeatureValue(key, fallback, context));
        }
      }
      return sum;
    },
    beforeRun: () => {
      queue = [];
    },
    impressionCount: () => queue.length,
    valueFor: (key, user) => quiet.evalFeature(key, userContext(user)).value,
    close: async () => {
      quiet.destroy();
      tracking.destroy();
    },
  };
};
