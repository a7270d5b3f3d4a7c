import type { Clause, EvaluationContext, Flag } from "@flagsync-oss/core";
import {
  basicLogger,
  init,
  integrations,
  type LDClient,
  type LDContext,
} from "@launchdarkly/node-server-sdk";
import { type PeerFactory, peerAttribute, versionOf, weigh } from "../peer.js";

/** A clause of LaunchDarkly's flag data model. */
interface LDClause {
  contextKind: "user";
  attribute: string;
  op: string;
  values: unknown[];
  negate: false;
}

/**
 * One clause as LaunchDarkly clauses, any of which may match (values of one clause are ORed by
 * LaunchDarkly too). LaunchDarkly has no semver >= or <=: those become "greater" or "equal",
 * which the caller spreads over several rules.
 */
function alternatives(clause: Clause, attribute: string): LDClause[] {
  const make = (op: string, values: unknown[]): LDClause => ({
    contextKind: "user",
    attribute,
    op,
    values,
    negate: false,
  });
  const numbers = () => clause.values.map(Number.parseFloat).filter((n) => !Number.isNaN(n));
  switch (clause.operator) {
    case "IOO":
      return [make("in", clause.values)];
    case "SW":
      return [make("startsWith", clause.values)];
    case "EW":
      return [make("endsWith", clause.values)];
    case "GT":
      return [make("greaterThan", numbers())];
    case "GTE":
      return [make("greaterThanOrEqual", numbers())];
    case "LT":
      return [make("lessThan", numbers())];
    case "LTE":
      return [make("lessThanOrEqual", numbers())];
    case "SVGT":
      return [make("semVerGreaterThan", clause.values)];
    case "SVGTE":
      return [make("semVerGreaterThan", clause.values), make("semVerEqual", clause.values)];
    case "SVLT":
      return [make("semVerLessThan", clause.values)];
    case "SVLTE":
      return [make("semVerLessThan", clause.values), make("semVerEqual", clause.values)];
    default:
      throw new Error(`LaunchDarkly adapter: operator ${clause.operator} not supported`);
  }
}

/** Every way to pick one alternative per clause: the rules a FlagSync rule becomes. */
function product<T>(lists: readonly T[][]): T[][] {
  return lists.reduce<T[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((item) => [...prefix, item])),
    [[]],
  );
}

/** Our flag in LaunchDarkly's flag data model, as the server-side SDKs receive it. */
function toLDFlag(flag: Flag): Record<string, unknown> {
  const state = flag.state;
  const index = (id: number): number => flag.variants.findIndex((v) => v.id === id);
  const rules: Record<string, unknown>[] = [];
  for (const rule of state.rules) {
    const lists: LDClause[][] = [];
    for (const clause of rule.clauses) {
      const attribute = peerAttribute(clause, "key");
      if (attribute === undefined) break;
      lists.push(alternatives(clause, attribute));
    }
    if (lists.length < rule.clauses.length) continue; // a clause that never matches
    product(lists).forEach((clauses, n) => {
      rules.push({ id: `rule-${rule.id}-${n}`, variation: index(rule.variantId), clauses });
    });
  }
  let fallthrough: Record<string, unknown> = { variation: index(state.onVariantId) };
  if (state.rollout.length > 0) {
    const variations = state.rollout.map((slice) => ({
      variation: index(slice.variantId),
      weight: Math.round(slice.percentage * 1000),
    }));
    const covered = variations.reduce((sum, v) => sum + v.weight, 0);
    if (covered < 100_000) {
      variations.push({ variation: index(state.offVariantId), weight: 100_000 - covered });
    }
    fallthrough = { rollout: { variations } };
  }
  return {
    key: flag.key,
    version: 1,
    on: state.enabled,
    salt: state.seed,
    variations: flag.variants.map((v) => v.value),
    offVariation: index(state.offVariantId),
    fallthrough,
    rules,
    targets: [],
    contextTargets: [],
    prerequisites: [],
    trackEvents: false,
    trackEventsFallthrough: false,
    deleted: false,
  };
}

/**
 * LaunchDarkly's Node server SDK with flags in its own data model, fed by `TestData` (no
 * network). Rules and the fallthrough rollout (weights out of 100,000, salted with the seed) are
 * raw flag JSON via `usePreconfiguredFlag`. Impressions on: a second client with `sendEvents`,
 * whose events (per-flag summary counters and one index event per new context) queue in memory
 * towards a dead local port and are never flushed during a run; how many is not observable.
 */
export const launchdarkly: PeerFactory = async (flags) => {
  const td = new integrations.TestData();
  await Promise.all(flags.map((f) => td.usePreconfiguredFlag(toLDFlag(f))));
  const open = async (sendEvents: boolean): Promise<LDClient> => {
    const client = init("sdk-key-unused", {
      updateProcessor: td.getFactory(),
      sendEvents,
      eventsUri: "http://127.0.0.1:9",
      flushInterval: 86_400,
      capacity: 100_000_000,
      diagnosticOptOut: true,
      logger: basicLogger({ level: "none" }),
    });
    await client.waitForInitialization({ timeout: 10 });
    return client;
  };
  const quiet = await open(false);
  const tracking = await open(true);
  const calls = flags.map((f) => ({
    key: f.key,
    fallback: f.variants.find((v) => v.id === f.state.offVariantId)?.value ?? null,
  }));
  const contextOf = (user: EvaluationContext): LDContext => ({
    ...user.attributes,
    kind: "user",
    key: user.key,
  });
  return {
    name: `LaunchDarkly node-server-sdk ${versionOf("@launchdarkly/node-server-sdk")} (TestData)`,
    canDisableImpressions: true,
    async runAll(users, impressions) {
      const client = impressions ? tracking : quiet;
      let sum = 0;
      for (const user of users) {
        const context = contextOf(user);
        for (const { key, fallback } of calls) {
          sum += weigh(await client.variation(key, context, fallback));
        }
      }
      return sum;
    },
    // Untimed: hands the queued events to the dead port, which drops them.
    beforeRun: () => tracking.flush().catch(() => {}),
    impressionCount: () => Number.NaN,
    valueFor: (key, user) => quiet.variation(key, contextOf(user), null),
    close: async () => {
      quiet.close();
      tracking.close();
    },
  };
};
