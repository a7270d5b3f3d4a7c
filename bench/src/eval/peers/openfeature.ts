import { createHash } from "node:crypto";
import type { Clause, EvaluationContext, Flag, JsonValue } from "@flagsync-oss/core";
import {
  type Client,
  type InMemoryFlagConfiguration,
  type EvaluationContext as OFContext,
  type JsonValue as OFJson,
  OpenFeature,
  TypedInMemoryProvider,
} from "@openfeature/server-sdk";
import { type PeerFactory, versionOf, weigh } from "../peer.js";

type Test = (ctx: OFContext) => boolean;

/** "1.2.3" → [1, 2, 3]; "2" → [2, 0, 0]; a pre-release or build suffix is ignored. */
function parseVersion(text: unknown): number[] | undefined {
  const m =
    typeof text === "string" ? /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(text) : null;
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return 0;
}

/** A clause as a test over the OpenFeature context (several values are ORed). */
function clauseTest(clause: Clause): Test {
  const read: ((ctx: OFContext) => unknown) | undefined =
    clause.attribute === "KEY"
      ? (ctx) => ctx.targetingKey
      : clause.attribute === "EMAIL"
        ? (ctx) => ctx.email
        : clause.attribute === "CUSTOM"
          ? (ctx) => ctx[String(clause.customAttribute)]
          : undefined;
  if (read === undefined) return () => false; // IP and COUNTRY are never evaluated by FlagSync
  const values = clause.values;
  const text = (test: (v: string, value: string) => boolean): Test => {
    return (ctx) => {
      const v = read(ctx);
      return typeof v === "string" && values.some((value) => test(v, value));
    };
  };
  const numeric = (test: (v: number, value: number) => boolean): Test => {
    const numbers = values.map(Number.parseFloat).filter((n) => !Number.isNaN(n));
    return (ctx) => {
      const raw = read(ctx);
      const v =
        typeof raw === "number"
          ? raw
          : typeof raw === "string"
            ? Number.parseFloat(raw)
            : Number.NaN;
      return !Number.isNaN(v) && numbers.some((value) => test(v, value));
    };
  };
  const semver = (test: (order: number) => boolean): Test => {
    const versions = values.map(parseVersion).filter((v) => v !== undefined);
    return (ctx) => {
      const v = parseVersion(read(ctx));
      return v !== undefined && versions.some((version) => test(compareVersions(v, version)));
    };
  };
  switch (clause.operator) {
    case "IOO":
      return (ctx) => values.includes(read(ctx) as string);
    case "SW":
      return text((v, value) => v.startsWith(value));
    case "EW":
      return text((v, value) => v.endsWith(value));
    case "GT":
      return numeric((v, value) => v > value);
    case "GTE":
      return numeric((v, value) => v >= value);
    case "LT":
      return numeric((v, value) => v < value);
    case "LTE":
      return numeric((v, value) => v <= value);
    case "SVGT":
      return semver((order) => order > 0);
    case "SVGTE":
      return semver((order) => order >= 0);
    case "SVLT":
      return semver((order) => order < 0);
    case "SVLTE":
      return semver((order) => order <= 0);
    default:
      throw new Error(`OpenFeature adapter: operator ${clause.operator} not supported`);
  }
}

/** Bucket 0–99 of a targeting key under a seed: the first 48 bits of SHA-256(key + seed). */
function bucketOf(key: string, seed: string): number {
  return (
    createHash("sha256")
      .update(key + seed)
      .digest()
      .readUIntBE(0, 6) % 100
  );
}

/**
 * Our flag as an in-memory provider flag: variants by key, the on variant as default, and a
 * `contextEvaluator` that walks the rules (first match wins), then the percentage rollout.
 * A disabled flag is `disabled`, so the client serves the caller's default (the off value).
 */
function toInMemoryFlag(flag: Flag): InMemoryFlagConfiguration[string] {
  const state = flag.state;
  const keyOf = (id: number): string => flag.variants.find((v) => v.id === id)?.key ?? "";
  const variants = Object.fromEntries(flag.variants.map((v) => [v.key, v.value as OFJson]));
  const rules = state.rules.map((rule) => ({
    tests: rule.clauses.map(clauseTest),
    variant: keyOf(rule.variantId),
  }));
  const slices: { upTo: number; variant: string }[] = [];
  let upTo = 0;
  for (const slice of state.rollout) {
    upTo += slice.percentage;
    slices.push({ upTo, variant: keyOf(slice.variantId) });
  }
  const on = keyOf(state.onVariantId);
  const off = keyOf(state.offVariantId);
  const dynamic = rules.length > 0 || slices.length > 0;
  return {
    variants,
    defaultVariant: on,
    disabled: !state.enabled,
    ...(dynamic
      ? {
          contextEvaluator: (ctx: OFContext): string => {
            for (const rule of rules)
              if (rule.tests.every((test) => test(ctx))) return rule.variant;
            if (slices.length === 0) return on;
            const bucket = bucketOf(String(ctx.targetingKey), state.seed);
            return slices.find((slice) => bucket < slice.upTo)?.variant ?? off;
          },
        }
      : {}),
  };
}

/**
 * The OpenFeature server SDK with its in-memory provider (TypedInMemoryProvider; the plain
 * InMemoryProvider is deprecated), targeting and rollout written by hand in each flag's
 * `contextEvaluator`, as a user of the bare spec would. Impressions on: a second client with an
 * `after` hook that pushes into an array.
 */
export const openfeature: PeerFactory = async (flags) => {
  const config = Object.fromEntries(flags.map((f) => [f.key, toInMemoryFlag(f)]));
  await OpenFeature.setProviderAndWait(new TypedInMemoryProvider(config));
  let queue: unknown[] = [];
  const quiet = OpenFeature.getClient();
  const tracking = OpenFeature.getClient().addHooks({
    after: (hook, details) => {
      queue.push({
        flagKey: details.flagKey,
        variant: details.variant,
        user: hook.context.targetingKey,
        at: Date.now(),
      });
    },
  });
  const calls = flags.map((f) => ({
    key: f.key,
    type: f.type,
    fallback: (f.variants.find((v) => v.id === f.state.offVariantId)?.value ?? null) as JsonValue,
  }));
  const evaluate = (
    client: Client,
    call: (typeof calls)[number],
    context: OFContext,
  ): Promise<unknown> => {
    switch (call.type) {
      case "boolean":
        return client.getBooleanValue(call.key, call.fallback as boolean, context);
      case "string":
        return client.getStringValue(call.key, call.fallback as string, context);
      case "number":
        return client.getNumberValue(call.key, call.fallback as number, context);
      default:
        return client.getObjectValue(call.key, call.fallback as OFJson, context);
    }
  };
  const contextOf = (user: EvaluationContext): OFContext =>
    ({ ...user.attributes, targetingKey: user.key }) as OFContext;
  const byKey = new Map(calls.map((c) => [c.key, c]));
  return {
    name: `OpenFeature server-sdk ${versionOf("@openfeature/server-sdk")} (in-memory provider)`,
    canDisableImpressions: true,
    async runAll(users, impressions) {
      const client = impressions ? tracking : quiet;
      let sum = 0;
      for (const user of users) {
        const context = contextOf(user);
        for (const call of calls) sum += weigh(await evaluate(client, call, context));
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
    close: () => OpenFeature.clearProviders(),
  };
};
