import { once } from "node:events";
import type { Clause, EvaluationContext, Flag, JsonValue } from "@flagsync-oss/core";
import {
  type ClientFeaturesResponse,
  type Context,
  InMemStorageProvider,
  PayloadType,
  Unleash,
  UnleashEvents,
  type Variant,
} from "unleash-client";
import { type PeerFactory, peerAttribute, versionOf, weigh } from "../peer.js";

type Feature = ClientFeaturesResponse["features"][number];
type Strategy = NonNullable<Feature["strategies"]>[number];
type Constraint = Strategy["constraints"][number];
type VariantDefinition = NonNullable<Strategy["variants"]>[number];

/**
 * One clause as Unleash constraints, any of which may match. List operators take all values;
 * numeric and semver operators compare one `value`, so several values become alternatives.
 */
function alternatives(clause: Clause, name: string): Constraint[] {
  const list = (operator: string): Constraint[] => [
    { contextName: name, operator, values: clause.values, inverted: false } as Constraint,
  ];
  const single = (operator: string): Constraint[] =>
    clause.values.map(
      (value) =>
        ({ contextName: name, operator, value, values: [], inverted: false }) as Constraint,
    );
  switch (clause.operator) {
    case "IOO":
      return list("IN");
    case "SW":
      return list("STR_STARTS_WITH");
    case "EW":
      return list("STR_ENDS_WITH");
    case "GT":
      return single("NUM_GT");
    case "GTE":
      return single("NUM_GTE");
    case "LT":
      return single("NUM_LT");
    case "LTE":
      return single("NUM_LTE");
    case "SVGT":
      return single("SEMVER_GT");
    case "SVGTE":
      return single("SEMVER_GTE");
    case "SVLT":
      return single("SEMVER_LT");
    case "SVLTE":
      return single("SEMVER_LTE");
    default:
      throw new Error(`Unleash adapter: operator ${clause.operator} not supported`);
  }
}

/** Every way to pick one alternative per clause: the strategies a FlagSync rule becomes. */
function product<T>(lists: readonly T[][]): T[][] {
  return lists.reduce<T[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])),
    [[]],
  );
}

function payloadOf(type: Flag["type"], value: JsonValue): VariantDefinition["payload"] {
  if (type === "string") return { type: PayloadType.STRING, value: String(value) };
  if (type === "number") return { type: PayloadType.NUMBER, value: String(value) };
  return { type: PayloadType.JSON, value: JSON.stringify(value) };
}

function payloadValue(type: Flag["type"], variant: Variant): unknown {
  const payload = variant.payload;
  if (payload === undefined) return undefined;
  if (type === "string") return payload.value;
  if (type === "number") return Number(payload.value);
  return JSON.parse(payload.value);
}

/** A boolean flag without rules reads as a plain toggle: `isEnabled` is the value. */
function isToggle(flag: Flag): boolean {
  const value = (id: number) => flag.variants.find((v) => v.id === id)?.value;
  const state = flag.state;
  return (
    flag.type === "boolean" &&
    state.rules.length === 0 &&
    value(state.offVariantId) === false &&
    [state.onVariantId, ...state.rollout.map((s) => s.variantId)].every(
      (id) => typeof value(id) === "boolean",
    )
  );
}

/**
 * Our flag as an Unleash feature toggle. Boolean flags without rules are toggles (a gradual
 * rollout of the `true` share). Others carry their values as variant payloads: one
 * flexibleRollout strategy at 100% per rule with the rule's constraints and single variant, then
 * one with the rollout's variants and weights, sticky on userId, grouped by the flag's seed.
 */
function toFeature(flag: Flag, impressionData: boolean): Feature {
  const state = flag.state;
  const variant = (id: number) => flag.variants.find((v) => v.id === id);
  const rollout = (percentage: number, strategyVariants?: VariantDefinition[]): Strategy => ({
    name: "flexibleRollout",
    parameters: { rollout: String(percentage), stickiness: "userId", groupId: state.seed },
    constraints: [],
    ...(strategyVariants ? { variants: strategyVariants } : {}),
  });
  const definition = (id: number, weight: number): VariantDefinition => {
    const v = variant(id);
    return {
      name: v?.key ?? String(id),
      weight,
      stickiness: "userId",
      payload: payloadOf(flag.type, v?.value ?? null),
    };
  };
  const base = { name: flag.key, type: "release", impressionData };
  if (isToggle(flag)) {
    if (state.rollout.length === 0) {
      const on = variant(state.onVariantId)?.value === true;
      const always: Strategy = { name: "default", parameters: {}, constraints: [] };
      return { ...base, enabled: state.enabled && on, strategies: [always] };
    }
    const share = state.rollout
      .filter((s) => variant(s.variantId)?.value === true)
      .reduce((sum, s) => sum + s.percentage, 0);
    return { ...base, enabled: state.enabled, strategies: [rollout(share)] };
  }
  const strategies: Strategy[] = [];
  for (const rule of state.rules) {
    const lists: Constraint[][] = [];
    for (const clause of rule.clauses) {
      const name = peerAttribute(clause, "userId");
      if (name === undefined) break;
      lists.push(alternatives(clause, name));
    }
    if (lists.length < rule.clauses.length) continue; // a clause that never matches
    for (const constraints of product(lists)) {
      strategies.push({ ...rollout(100, [definition(rule.variantId, 1000)]), constraints });
    }
  }
  if (state.rollout.length > 0) {
    const variants = state.rollout.map((s) => definition(s.variantId, s.percentage * 10));
    const covered = state.rollout.reduce((sum, s) => sum + s.percentage, 0);
    if (covered < 100) variants.push(definition(state.offVariantId, (100 - covered) * 10));
    strategies.push(rollout(100, variants));
  } else {
    strategies.push(rollout(100, [definition(state.onVariantId, 1000)]));
  }
  return { ...base, enabled: state.enabled, strategies };
}

/**
 * The Unleash Node SDK (`unleash-client`) bootstrapped from toggles in its own format, with no
 * server: refresh and metrics off, an unused local URL, in-memory backup storage. Boolean
 * flags without rules are read with `isEnabled`, the others with `getVariant` and a payload; a
 * disabled toggle serves the application's default, here the flag's off value. Impressions on:
 * a second instance whose toggles have `impressionData: true`, with an `impression` listener.
 */
export const unleash: PeerFactory = async (flags) => {
  let queue: unknown[] = [];
  const open = async (impressionData: boolean): Promise<Unleash> => {
    const instance = new Unleash({
      appName: "bench",
      url: "http://127.0.0.1:9/api/",
      refreshInterval: 0,
      disableMetrics: true,
      metricsInterval: 0,
      storageProvider: new InMemStorageProvider(),
      bootstrap: { data: flags.map((f) => toFeature(f, impressionData)) },
      bootstrapOverride: true,
      skipInstanceCountWarning: true,
    });
    instance.on(UnleashEvents.Warn, () => {});
    if (impressionData) instance.on(UnleashEvents.Impression, (event) => queue.push(event));
    await once(instance, UnleashEvents.Ready);
    return instance;
  };
  const quiet = await open(false);
  const tracking = await open(true);
  const calls = flags.map((f) => ({
    key: f.key,
    type: f.type,
    toggle: isToggle(f),
    fallback: f.variants.find((v) => v.id === f.state.offVariantId)?.value ?? null,
  }));
  const contextOf = (user: EvaluationContext): Context => {
    const properties: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(user.attributes ?? {})) {
      if (typeof value === "string" || typeof value === "number") properties[name] = value;
    }
    return { userId: user.key, properties };
  };
  const evaluate = (client: Unleash, call: (typeof calls)[number], context: Context): unknown => {
    if (call.toggle) return client.isEnabled(call.key, context);
    const variant = client.getVariant(call.key, context);
    return variant.enabled ? payloadValue(call.type, variant) : call.fallback;
  };
  const byKey = new Map(calls.map((c) => [c.key, c]));
  return {
    name: `Unleash unleash-client ${versionOf("unleash-client")} (bootstrap)`,
    canDisableImpressions: true,
    runAll(users, impressions) {
      const client = impressions ? tracking : quiet;
      let sum = 0;
      for (const user of users) {
        const context = contextOf(user);
        for (const call of calls) sum += weigh(evaluate(client, call, context));
      }
      return sum;
    },
    beforeRun: () => {
      queue = [];
    },
    impressionCount: () => queue.length,
    valueFor: (key, user) => {
      const call = byKey.get(key);
      return call ? evaluate(quiet, call, contextOf(user)) : undefined;
    },
    close: async () => {
      quiet.destroy();
      tracking.destroy();
    },
  };
};
