// Runs the official FlagSync SDKs against the real server on both databases: @flagsync/node-sdk
// 0.1.1, and @flagsync/js-sdk 0.4.0 in Node and in a real Chromium. Each must bootstrap, serve
// the values our engine computes, see an admin change through its SSE stream within a second,
// and get its events and impressions stored.

import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import type * as JsSdk from "@flagsync/js-sdk";
import type * as NodeSdk from "@flagsync/node-sdk";
import {
  type Clause,
  type EvaluationContext,
  type EvaluationReason,
  evaluate,
  type FeatureFlagEnvironmentDetailDto,
  type Flag,
  fromFlagSyncDetail,
  type JsonValue,
} from "@flagsync-oss/core";
import { generateUsers } from "@flagsync-oss/testkit";
import { launchChromium } from "@flagsync-oss/testkit/browser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromJson } from "../src/storage/dialects.js";
import { DIALECTS } from "./support/databases.js";
import { freshSdk } from "./support/fresh-sdk.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

type NodeClient = ReturnType<ReturnType<typeof NodeSdk.FlagSyncFactory>["client"]>;
type JsClient = ReturnType<ReturnType<typeof JsSdk.FlagSyncFactory>["client"]>;

const require = createRequire(import.meta.url);

const FLAGS_PATH = "/api/v1/workspaces/default/flags";
const statePath = (key: string) => `${FLAGS_PATH}/${key}/environments/development`;

interface StateInput {
  enabled: boolean;
  onVariant: string;
  offVariant: string;
  seed: string;
  rules: { variant: string; clauses: Clause[] }[];
  rollout: { variant: string; percentage: number }[];
}

interface FlagSpec {
  key: string;
  type: Flag["type"];
  variants: { key: string; value: JsonValue }[];
  state: StateInput;
}

const STRINGS = [
  { key: "A", value: "alpha" },
  { key: "B", value: "beta" },
  { key: "C", value: "gamma" },
  { key: "OFF", value: "off" },
];

/** Every path of the algorithm: rules (AND, OR over values, order), rollouts, disabled, default. */
const SPECS: FlagSpec[] = [
  {
    key: "compat-rules",
    type: "string",
    variants: STRINGS,
    state: {
      enabled: true,
      onVariant: "A",
      offVariant: "OFF",
      seed: "rules-seed",
      rollout: [],
      rules: [
        {
          variant: "B",
          clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@corp.com", "@acme.io"] }],
        },
        {
          variant: "C",
          clauses: [
            {
              attribute: "CUSTOM",
              customAttribute: "plan",
              operator: "IOO",
              values: ["pro", "team"],
            },
            { attribute: "KEY", operator: "SW", values: ["user-", "admin-"] },
          ],
        },
      ],
    },
  },
  {
    key: "compat-rollout",
    type: "number",
    variants: [
      { key: "ten", value: 10 },
      { key: "twenty", value: 20 },
      { key: "thirty", value: 30 },
      { key: "zero", value: 0 },
    ],
    state: {
      enabled: true,
      onVariant: "ten",
      offVariant: "zero",
      seed: "rollout-seed",
      rules: [],
      rollout: [
        { variant: "ten", percentage: 20 },
        { variant: "twenty", percentage: 30 },
        { variant: "thirty", percentage: 50 },
      ],
    },
  },
  {
    key: "compat-mixed",
    type: "json",
    variants: [
      { key: "grid", value: { layout: "grid", columns: 3, tags: ["a", "b"] } },
      { key: "list", value: { layout: "list", dense: true } },
      { key: "none", value: { layout: "none" } },
    ],
    state: {
      enabled: true,
      onVariant: "none",
      offVariant: "none",
      seed: "mixed-seed",
      rules: [
        {
          variant: "grid",
          clauses: [
            {
              attribute: "CUSTOM",
              customAttribute: "version",
              operator: "SVGTE",
              values: ["2.0.0"],
            },
          ],
        },
        {
          variant: "list",
          clauses: [
            { attribute: "CUSTOM", customAttribute: "channel", operator: "MR", values: ["beta"] },
          ],
        },
      ],
      rollout: [
        { variant: "grid", percentage: 12.5 },
        { variant: "list", percentage: 37.5 },
        { variant: "none", percentage: 50 },
      ],
    },
  },
  {
    key: "compat-bool",
    type: "boolean",
    variants: [
      { key: "on", value: true },
      { key: "off", value: false },
    ],
    state: {
      enabled: true,
      onVariant: "on",
      offVariant: "off",
      seed: "bool-seed",
      rules: [
        {
          variant: "on",
          clauses: [
            { attribute: "CUSTOM", customAttribute: "age", operator: "GTE", values: ["65"] },
          ],
        },
      ],
      rollout: [
        { variant: "on", percentage: 10 },
        { variant: "off", percentage: 90 },
      ],
    },
  },
  {
    key: "compat-disabled",
    type: "string",
    variants: STRINGS,
    state: {
      enabled: false,
      onVariant: "A",
      offVariant: "OFF",
      seed: "disabled-seed",
      rules: [{ variant: "B", clauses: [] }],
      rollout: [],
    },
  },
  {
    key: "compat-default",
    type: "string",
    variants: STRINGS,
    state: {
      enabled: true,
      onVariant: "C",
      offVariant: "OFF",
      seed: "default-seed",
      rules: [],
      rollout: [],
    },
  },
  {
    key: "compat-live",
    type: "string",
    variants: STRINGS,
    state: {
      enabled: false,
      onVariant: "A",
      offVariant: "OFF",
      seed: "live-seed",
      rules: [],
      rollout: [],
    },
  },
];
const KEYS = SPECS.map((s) => s.key);

const NODE_USERS = generateUsers(200, 11);
const JS_USERS: EvaluationContext[] = [
  {
    key: "user-js-1",
    attributes: { email: "ann@corp.com", plan: "free", version: "1.0.0", age: 30 },
  },
  {
    key: "user-js-2",
    attributes: { email: "bob@example.com", plan: "pro", version: "2.1", channel: "beta", age: 70 },
  },
  {
    key: "visitor-js-3",
    attributes: { email: "cy@gmail.com", plan: "team", channel: "stable", version: "0.9.9" },
  },
  { key: "admin-js-4", attributes: {} },
];
const BROWSER_USER: EvaluationContext = {
  key: "user-browser-1",
  attributes: { email: "eve@corp.com", plan: "pro", version: "1.2.3", channel: "beta", age: 41 },
};

/** JSON with sorted keys: PostgreSQL's jsonb does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** A recorded flag() call: each one must arrive as exactly one impression. */
interface Call {
  flagKey: string;
  userKey: string;
  value: unknown;
}
const callId = (c: Call) => `${c.flagKey}|${c.userKey}|${canonical(c.value)}`;

describe.each(DIALECTS)("official FlagSync SDKs against the server on %s", (dialect) => {
  let server: TestServer;
  let environmentId: number;
  /** Variants as the server numbered them, and the current state we set, per flag. */
  const variants = new Map<string, { id: number; key: string; value: JsonValue }[]>();
  const states = new Map<string, StateInput>();
  const cleanups: (() => unknown)[] = [];

  /** Our model of a flag, built from what we sent the admin API (not read back). */
  const modelOf = (key: string): Flag => {
    const spec = SPECS.find((s) => s.key === key) as FlagSpec;
    const list = variants.get(key) ?? [];
    const state = states.get(key) as StateInput;
    const id = (variantKey: string) => {
      const found = list.find((v) => v.key === variantKey);
      if (!found) throw new Error(`${key} has no variant ${variantKey}`);
      return found.id;
    };
    return {
      key,
      type: spec.type,
      variants: list.map((v) => ({ id: v.id, key: v.key, value: v.value })),
      state: {
        enabled: state.enabled,
        onVariantId: id(state.onVariant),
        offVariantId: id(state.offVariant),
        seed: state.seed,
        rules: state.rules.map((r, i) => ({
          id: i + 1,
          variantId: id(r.variant),
          clauses: r.clauses,
        })),
        rollout: state.rollout.map((r) => ({ variantId: id(r.variant), percentage: r.percentage })),
      },
    };
  };
  const ours = (key: string, user: EvaluationContext): JsonValue =>
    evaluate(modelOf(key), user).value;

  /** PATCHes a flag's state and returns when `observed` holds, with the elapsed milliseconds. */
  const changeAndObserve = async (
    key: string,
    patch: Partial<StateInput>,
    observed: () => boolean | Promise<boolean>,
  ): Promise<number> => {
    const started = performance.now();
    const response = await server.admin("PATCH", statePath(key), patch);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    states.set(key, { ...(states.get(key) as StateInput), ...patch });
    await until(observed, 3000, `the change of ${key} to reach the SDK`);
    return performance.now() - started;
  };

  const rowsOf = async (table: "raw_events" | "raw_impressions", userKeys: string[]) =>
    server.database.db
      .selectFrom(table)
      .selectAll()
      .where("environment_id", "=", environmentId)
      .where("user_key", "in", userKeys)
      .orderBy("id")
      .execute();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    environmentId = (
      await server.database.db
        .selectFrom("environments")
        .select("id")
        .where("key", "=", "development")
        .executeTakeFirstOrThrow()
    ).id;
    for (const spec of SPECS) {
      const created = await server.admin("POST", FLAGS_PATH, {
        key: spec.key,
        type: spec.type,
        variants: spec.variants,
        onVariant: spec.state.onVariant,
        offVariant: spec.state.offVariant,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      variants.set(spec.key, created.body.variants);
      const patched = await server.admin("PATCH", statePath(spec.key), spec.state);
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      states.set(spec.key, structuredClone(spec.state));
    }
  });

  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await server?.stop();
  });

  it("serves /sdk/rules DTOs that evaluate like our model of what we configured", async () => {
    const response = await fetch(`${server.url}/sdk/rules`, {
      headers: { "x-ridgeline-key": server.keys.development?.server as string },
    });
    expect(response.status).toBe(200);
    const { flags } = (await response.json()) as {
      flags: Record<string, FeatureFlagEnvironmentDetailDto>;
    };
    expect(Object.keys(flags).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) {
      const wire = fromFlagSyncDetail(flags[key] as FeatureFlagEnvironmentDetailDto);
      for (const user of NODE_USERS) {
        expect(canonical(evaluate(wire, user).value), `${key} ${user.key}`).toBe(
          canonical(ours(key, user)),
        );
      }
    }
  });

  it("node-sdk 0.1.1: same values as our engine, live SSE update within 1 s, tracking stored", async () => {
    const { FlagSyncFactory } = freshSdk<typeof NodeSdk>("@flagsync/node-sdk");
    const client: NodeClient = FlagSyncFactory({
      sdkKey: server.keys.development?.server as string,
      urls: { sdk: server.url },
      sync: { type: "stream" },
      tracking: {
        impressions: { maxQueueSize: 100_000, pushRate: 3600 },
        events: { maxQueueSize: 50, pushRate: 3600 },
      },
      logLevel: "NONE",
    }).client();
    cleanups.push(() => client.destroy());
    const calls: Call[] = [];
    const flag = (user: EvaluationContext, key: string): unknown => {
      const value = client.flag(user as Parameters<NodeClient["flag"]>[0], key);
      calls.push({ flagKey: key, userKey: user.key, value });
      return value;
    };

    await client.waitForReadyCanThrow();

    // 200 users × every flag, compared with our engine; every path of the algorithm is taken.
    const mismatches: string[] = [];
    const reasons = new Map<EvaluationReason, number>();
    for (const user of NODE_USERS) {
      for (const key of KEYS) {
        const theirs = flag(user, key);
        const result = evaluate(modelOf(key), user);
        reasons.set(result.reason, (reasons.get(result.reason) ?? 0) + 1);
        if (canonical(theirs) !== canonical(result.value))
          mismatches.push(
            `${key} ${user.key}: sdk ${canonical(theirs)}, ours ${canonical(result.value)}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    for (const reason of ["TARGETING_MATCH", "SPLIT", "DEFAULT", "DISABLED"] as const)
      expect(reasons.get(reason) ?? 0, reason).toBeGreaterThan(10);

    // Live updates through the SDK's own SSE stream.
    await until(() => server.hub.counts().servers >= 1, 3000, "the node-sdk SSE stream");
    const probe = NODE_USERS.slice(0, 25);
    const matchesOurs = () =>
      probe.every((u) => canonical(flag(u, "compat-live")) === canonical(ours("compat-live", u)));
    expect(matchesOurs()).toBe(true);
    const updates: number[] = [];
    client.on("state::update", () => updates.push(performance.now()));
    for (const patch of [
      { enabled: true, onVariant: "A", rules: [], rollout: [] },
      { onVariant: "B" },
    ]) {
      const before = probe.map((u) => canonical(ours("compat-live", u)));
      const elapsed = await changeAndObserve("compat-live", patch, matchesOurs);
      expect(probe.map((u) => canonical(ours("compat-live", u)))).not.toEqual(before);
      expect(elapsed, `the SDK saw ${JSON.stringify(patch)} after ${elapsed} ms`).toBeLessThan(
        1000,
      );
    }
    expect(updates.length).toBeGreaterThanOrEqual(2);

    // Events with a value and properties, with a value only, and with nothing.
    const buyer = NODE_USERS[0] as EvaluationContext;
    const trackAs = buyer as Parameters<NodeClient["track"]>[0];
    client.track(trackAs, "purchase", 49.99, {
      productId: "0x123",
      discount: 0.2,
      returning: true,
    });
    client.track(trackAs, "page_load_time", 1.42);
    client.track(trackAs, "signup-click");
    await client.destroy();

    const events = await rowsOf("raw_events", [buyer.key]);
    expect(
      events.map((e) => ({
        key: e.event_key,
        value: e.value,
        properties: fromJson(e.properties),
        context: fromJson(e.context),
        source: e.source,
      })),
    ).toEqual([
      {
        key: "purchase",
        value: 49.99,
        properties: { productId: "0x123", discount: 0.2, returning: true },
        context: buyer,
        source: "server",
      },
      { key: "page_load_time", value: 1.42, properties: null, context: buyer, source: "server" },
      { key: "signup-click", value: null, properties: null, context: buyer, source: "server" },
    ]);
    for (const e of events) expect(Date.parse(e.timestamp)).toBeGreaterThan(Date.now() - 60_000);

    // One impression per flag() call, with the value the SDK returned.
    const impressions = await rowsOf(
      "raw_impressions",
      NODE_USERS.map((u) => u.key),
    );
    const stored = impressions.map((i) =>
      callId({
        flagKey: i.flag_key,
        userKey: i.user_key,
        value: fromJson<{ value: unknown }>(i.flag_value).value,
      }),
    );
    expect(impressions.every((i) => i.source === "server")).toBe(true);
    expect(stored.length).toBe(calls.length);
    expect(stored.sort()).toEqual(calls.map(callId).sort());
  }, 60_000);

  it("js-sdk 0.4.0 in Node (window defined): same values, live SSE update within 1 s, kill() stores tracking", async () => {
    const global = globalThis as { window?: unknown };
    global.window = new EventTarget();
    cleanups.push(() => {
      delete global.window;
    });
    const { FlagSyncFactory } = freshSdk<typeof JsSdk>("@flagsync/js-sdk");
    const clients = JS_USERS.map((user) => {
      const client: JsClient = FlagSyncFactory({
        sdkKey: server.keys.development?.client as string,
        core: { key: user.key, attributes: user.attributes ?? {} },
        urls: { sdk: server.url },
        sync: { type: "stream" },
        tracking: {
          impressions: { maxQueueSize: 10_000, pushRate: 3600 },
          events: { maxQueueSize: 50, pushRate: 3600 },
        },
        logLevel: "NONE",
      }).client();
      cleanups.push(() => client.kill());
      return { user, client };
    });
    const calls: Call[] = [];
    const flag = (c: (typeof clients)[number], key: string): unknown => {
      const value = c.client.flag(key);
      calls.push({ flagKey: key, userKey: c.user.key, value });
      return value;
    };

    await Promise.all(clients.map((c) => c.client.waitForReadyCanThrow()));
    for (const c of clients) {
      for (const key of KEYS)
        expect(canonical(flag(c, key)), `${key} ${c.user.key}`).toBe(canonical(ours(key, c.user)));
    }

    await until(
      () => server.hub.counts().clients >= clients.length,
      3000,
      "the js-sdk SSE streams",
    );
    const matchesOurs = () =>
      clients.every(
        (c) => canonical(flag(c, "compat-live")) === canonical(ours("compat-live", c.user)),
      );
    expect(matchesOurs()).toBe(true);
    const patch = { enabled: true, onVariant: "C", rules: [], rollout: [] };
    const elapsed = await changeAndObserve("compat-live", patch, matchesOurs);
    expect(clients.every((c) => ours("compat-live", c.user) === "gamma")).toBe(true);
    expect(elapsed, `the SDKs saw the change after ${elapsed} ms`).toBeLessThan(1000);

    clients.forEach((c, i) => {
      c.client.track("purchase", 10 + i, { sku: `sku-${i}`, gift: i % 2 === 0 });
      c.client.track("page_load_time", 1.5);
      c.client.track("signup-click");
    });
    for (const c of clients) c.client.kill();

    // kill() sends both queues with fetch(keepalive) and does not wait: poll the database.
    const userKeys = JS_USERS.map((u) => u.key);
    await until(
      async () =>
        (await rowsOf("raw_events", userKeys)).length >= clients.length * 3 &&
        (await rowsOf("raw_impressions", userKeys)).length >= calls.length,
      2000,
      "the js-sdk events and impressions",
    );
    const events = await rowsOf("raw_events", userKeys);
    expect(events.every((e) => e.source === "client")).toBe(true);
    expect(
      events
        .map((e) =>
          canonical({
            user: e.user_key,
            key: e.event_key,
            value: e.value,
            properties: fromJson(e.properties),
            context: fromJson(e.context),
          }),
        )
        .sort(),
    ).toEqual(
      clients
        .flatMap((c, i) =>
          [
            {
              user: c.user.key,
              key: "purchase",
              value: 10 + i,
              properties: { sku: `sku-${i}`, gift: i % 2 === 0 },
            },
            { user: c.user.key, key: "page_load_time", value: 1.5, properties: null },
            { user: c.user.key, key: "signup-click", value: null, properties: null },
          ].map((e) =>
            canonical({ ...e, context: { key: c.user.key, attributes: c.user.attributes } }),
          ),
        )
        .sort(),
    );
    const impressions = await rowsOf("raw_impressions", userKeys);
    expect(impressions.every((i) => i.source === "client")).toBe(true);
    expect(
      impressions
        .map((i) =>
          callId({
            flagKey: i.flag_key,
            userKey: i.user_key,
            value: fromJson<{ value: unknown }>(i.flag_value).value,
          }),
        )
        .sort(),
    ).toEqual(calls.map(callId).sort());
    delete global.window;
  }, 60_000);

  it("js-sdk 0.4.0 in Chromium: cross-origin (CORS with credentials), same values, live SSE update within 1 s", async () => {
    // The js-sdk streams of the previous test must be gone, so the page's stream is the one counted.
    await until(() => server.hub.counts().clients === 0, 3000, "earlier client streams to close");
    const page = await startTestPage(server.url, server.keys.development?.client as string);
    cleanups.push(() => page.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const tab = await browser.newPage({ viewport: { width: 900, height: 560 } });
    const problems: string[] = [];
    tab.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    tab.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    tab.on("requestfailed", (request) =>
      problems.push(
        `request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`,
      ),
    );

    await tab.goto(page.url);
    await tab.waitForFunction(
      () => {
        const g = globalThis as unknown as PageGlobals;
        return g.__ready === true || g.__error !== undefined;
      },
      undefined,
      { timeout: 15_000 },
    );
    const failure = await tab.evaluate(() => (globalThis as unknown as PageGlobals).__error);
    expect(failure, problems.join("\n")).toBeUndefined();
    const origin = await tab.evaluate(
      () => (globalThis as unknown as { location: { origin: string } }).location.origin,
    );
    expect(origin).not.toBe(new URL(server.url).origin);

    const read = (keys: string[]) =>
      tab.evaluate((list) => {
        const g = globalThis as unknown as PageGlobals;
        return list.map((key) => JSON.stringify(g.fsClient.flag(key)));
      }, keys);
    const theirs = await read(KEYS);
    expect(theirs.map((v) => canonical(JSON.parse(v)))).toEqual(
      KEYS.map((key) => canonical(ours(key, BROWSER_USER))),
    );

    await until(() => server.hub.counts().clients >= 1, 3000, "the page's SSE stream");
    const before = canonical(ours("compat-live", BROWSER_USER));
    expect(canonical(JSON.parse((await read(["compat-live"]))[0] as string))).toBe(before);
    const patch = {
      enabled: true,
      onVariant: "C",
      rollout: [],
      rules: [
        {
          variant: "A",
          clauses: [
            { attribute: "EMAIL" as const, operator: "EW" as const, values: ["@corp.com"] },
          ],
        },
      ],
    };
    const started = performance.now();
    const response = await server.admin("PATCH", statePath("compat-live"), patch);
    expect(response.status).toBe(200);
    states.set("compat-live", { ...(states.get("compat-live") as StateInput), ...patch });
    const expected = JSON.stringify(ours("compat-live", BROWSER_USER));
    expect(canonical(JSON.parse(expected))).not.toBe(before);
    await tab.waitForFunction(
      ([key, value]) =>
        JSON.stringify((globalThis as unknown as PageGlobals).fsClient.flag(key as string)) ===
        value,
      ["compat-live", expected],
      { polling: 10, timeout: 5000 },
    );
    const elapsed = performance.now() - started;
    expect(elapsed, `the page saw the change after ${elapsed} ms`).toBeLessThan(1000);
    if (dialect === DIALECTS[0]) await tab.screenshot({ path: "/tmp/compat.png" });

    expect(problems).toEqual([]);

    // kill() sends the queues cross-origin with fetch(keepalive): a preflighted request.
    // It also aborts the SSE request, which is the one failure expected from here on.
    await tab.evaluate(() => {
      const client = (globalThis as unknown as PageGlobals).fsClient;
      client.track("browser-checkout", 12.5, { step: 2 });
      client.kill();
    });
    await until(
      async () =>
        (await rowsOf("raw_events", [BROWSER_USER.key])).length === 1 &&
        (await rowsOf("raw_impressions", [BROWSER_USER.key])).length > 0,
      3000,
      "the browser's event and impressions",
    );
    const [event] = await rowsOf("raw_events", [BROWSER_USER.key]);
    expect({
      key: event?.event_key,
      value: event?.value,
      properties: fromJson(event?.properties),
      context: fromJson(event?.context),
      source: event?.source,
    }).toEqual({
      key: "browser-checkout",
      value: 12.5,
      properties: { step: 2 },
      context: BROWSER_USER,
      source: "client",
    });
    expect(problems.filter((p) => !/sse\/sdk-updates\/client.*ERR_ABORTED/.test(p))).toEqual([]);
  }, 90_000);
});

/** What the test page exposes on its global object. */
interface PageGlobals {
  fsClient: JsClient;
  __ready?: boolean;
  __error?: string;
}

/** The folder of an installed package, resolved the way `from` would import it. */
function packageDir(name: string, from: string): string {
  let dir = dirname(createRequire(from).resolve(name));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === name)
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = parent;
  }
}

/**
 * Serves a page on its own port (another origin than the FlagSync server) that loads js-sdk's
 * published ESM build unchanged, its dependencies' browser builds through an import map, and
 * starts a client for BROWSER_USER.
 */
async function startTestPage(
  serverUrl: string,
  clientKey: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const sdkEntry = require.resolve("@flagsync/js-sdk");
  const sdkDir = packageDir("@flagsync/js-sdk", import.meta.url);
  const dep = (name: string, file: string) => join(packageDir(name, sdkEntry), file);
  const files: Record<string, string> = {
    "/sdk/js-sdk.js": join(sdkDir, "dist/modern/index.js"),
    "/deps/axios.js": dep("axios", "dist/esm/axios.js"),
    "/deps/eventemitter3.js": dep("eventemitter3", "dist/eventemitter3.esm.js"),
    "/deps/extended-eventsource.js": dep("extended-eventsource", "dist/index.esm.js"),
    "/deps/deepmerge.umd.js": dep("deepmerge", "dist/umd.js"),
  };
  for (const file of Object.values(files))
    if (!existsSync(file)) throw new Error(`the browser build ${file} is missing`);
  const config = JSON.stringify({
    sdkKey: clientKey,
    serverUrl,
    core: BROWSER_USER,
    keys: KEYS,
  }).replaceAll("<", "\\u003c");
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>FlagSync js-sdk 0.4.0 compatibility</title>
<script type="importmap">{"imports": {
  "axios": "/deps/axios.js",
  "deepmerge": "/deps/deepmerge.js",
  "eventemitter3": "/deps/eventemitter3.js",
  "extended-eventsource": "/deps/extended-eventsource.js"}}</script>
<script type="application/json" id="config">${config}</script>
<style>
  body { font: 15px system-ui, sans-serif; margin: 24px; color: #1d2330; }
  h1 { font-size: 20px; margin: 0 0 4px; } #status { color: #555; margin: 0 0 16px; }
  table { border-collapse: collapse; min-width: 560px; }
  td, th { border: 1px solid #ccd; padding: 6px 10px; text-align: left; }
  th { background: #eef1f6; } td.value { font-family: monospace; }
</style></head>
<body>
<h1>@flagsync/js-sdk 0.4.0 in Chromium → FlagSync-compatible server</h1>
<p id="status">starting…</p>
<table><thead><tr><th>flag</th><th>value for <span id="user"></span></th></tr></thead>
<tbody id="values"></tbody></table>
<p id="updates"></p>
<script type="module">
  import { FlagSyncFactory } from "/sdk/js-sdk.js";
  const config = JSON.parse(document.getElementById("config").textContent);
  const status = document.getElementById("status");
  document.getElementById("user").textContent = config.core.key;
  let updates = 0;
  const render = (client) => {
    const rows = config.keys.map((key) =>
      "<tr><td>" + key + "</td><td class=value>" + JSON.stringify(client.flag(key)) + "</td></tr>");
    document.getElementById("values").innerHTML = rows.join("");
    document.getElementById("updates").textContent = "stream updates received: " + updates;
  };
  try {
    const client = FlagSyncFactory({
      sdkKey: config.sdkKey,
      core: config.core,
      urls: { sdk: config.serverUrl },
      sync: { type: "stream" },
      logLevel: "NONE",
    }).client();
    window.fsClient = client;
    client.on("state::update", () => { updates += 1; render(client); });
    await client.waitForReadyCanThrow();
    status.textContent = "ready: page " + location.origin + ", server " + config.serverUrl;
    render(client);
    window.__ready = true;
  } catch (error) {
    window.__error = String((error && error.message) || error);
    status.textContent = "init failed: " + window.__error;
  }
</script>
</body></html>`;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] as string;
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(html);
    } else if (path === "/deps/deepmerge.js") {
      // deepmerge ships CommonJS and UMD only; its UMD sets globalThis.deepmerge in a module.
      response.writeHead(200, { "content-type": "text/javascript" });
      response.end('import "/deps/deepmerge.umd.js";\nexport default globalThis.deepmerge;\n');
    } else if (files[path]) {
      response.writeHead(200, { "content-type": "text/javascript" });
      response.end(readFileSync(files[path] as string));
    } else if (path === "/favicon.ico") {
      response.writeHead(204);
      response.end();
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
