// Our browser SDK in Chromium against the real server: the bundle a page loads, cross-origin to
// the server. The server's values with variants and reasons, a live change (measured), a removed
// flag, another user, events sent as the page goes away (more than keepalive carries at once),
// bootstrap and cached values while the server is down; and behind a proxy that answers 500,
// hangs, drops or silences connections: the last values kept, stale then ready, reconnects, and
// every event stored exactly once, those of a page that could not send them included.

import { createServer, request as httpRequest, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import {
  type EvaluationContext,
  evaluate,
  type FeatureFlagEnvironmentDetailDto,
  fromFlagSyncDetail,
} from "@flagsync-oss/core";
import { createClient as createNodeClient } from "@flagsync-oss/sdk-node";
import type { createClient, WebClientOptions, WebFlagDetails } from "@flagsync-oss/sdk-web";
import { launchChromium } from "@flagsync-oss/testkit/browser";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFlags, storedEvents } from "../../server/test/support/admin-flags.js";
import { DIALECTS } from "../../server/test/support/databases.js";
import { startTestServer, type TestServer } from "../../server/test/support/test-server.js";
import { variedFlags } from "./varied-flags.js";

const WS = "/api/v1/workspaces/default";

/** What a page's client is asked to do, evaluated in the page (the bundle defines FlagSyncWeb). */
declare const FlagSyncWeb: typeof import("@flagsync-oss/sdk-web");
declare const window: {
  client: ReturnType<typeof createClient>;
  heard: string[];
  errors: string[];
};

let bundle = "";
let site: Server;
let siteUrl = "";
let browser: Browser;

beforeAll(async () => {
  const [built, launched] = await Promise.all([
    build({
      entryPoints: [new URL("../src/index.ts", import.meta.url).pathname],
      bundle: true,
      minify: true,
      format: "iife",
      globalName: "FlagSyncWeb",
      platform: "browser",
      write: false,
      logLevel: "silent",
    }),
    launchChromium(),
  ]);
  bundle = built.outputFiles[0]?.text ?? "";
  browser = launched;
  site = createServer((request, response) => {
    if (request.url === "/sdk.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
      return;
    }
    response
      .writeHead(200, { "content-type": "text/html" })
      .end('<!doctype html><title>shop</title><script src="/sdk.js"></script><p>shop</p>');
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
});

/** Waits until `check` holds, polling; fails with `what` after `ms`. */
async function until(what: string, check: () => Promise<boolean> | boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

type Mode = "ok" | "500" | "hang";

/**
 * A proxy in front of the server: `flags` (POST /v1/sdk/flags) and `events` (POST
 * /v1/track/events/client) answer 500 or hang when told; new WebSocket upgrades are refused
 * when `ws` is "refuse", and live connections stop passing the server's frames while `mute`.
 */
async function faultProxy(target: string) {
  const upstreamUrl = new URL(target);
  const tunnels = new Set<Socket>();
  const hanging = new Set<Socket>();
  const proxy = {
    url: "",
    flags: "ok" as Mode,
    events: "ok" as Mode,
    ws: "ok" as "ok" | "refuse",
    mute: false,
    seen: { flags500: 0, flagsHung: 0, events500: 0, eventsHung: 0, upgrades: 0 },
    /** Drops every live connection. */
    cut() {
      for (const socket of tunnels) socket.destroy();
    },
    async close() {
      this.cut();
      for (const socket of hanging) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server: Server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? "";
    const kind =
      incoming.method !== "POST"
        ? undefined
        : path === "/v1/sdk/flags"
          ? "flags"
          : path === "/v1/track/events/client"
            ? "events"
            : undefined;
    const mode = kind ? proxy[kind] : "ok";
    if (kind && mode !== "ok") {
      proxy.seen[`${kind}${mode === "500" ? "500" : "Hung"}`]++;
      incoming.resume();
      if (mode === "hang") {
        hanging.add(incoming.socket);
        return;
      }
      outgoing
        .writeHead(500, {
          "access-control-allow-origin": incoming.headers.origin ?? "*",
          "content-type": "application/json",
        })
        .end('{"statusCode":500}');
      return;
    }
    const upstream = httpRequest(
      {
        host: upstreamUrl.hostname,
        port: upstreamUrl.port,
        path,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  server.on("upgrade", (incoming, socket: Socket, head) => {
    proxy.seen.upgrades++;
    if (proxy.ws !== "ok") {
      socket.destroy();
      return;
    }
    tunnels.add(socket);
    const upstream = connect(Number(upstreamUrl.port), upstreamUrl.hostname, () => {
      const lines = [`${incoming.method} ${incoming.url} HTTP/1.1`];
      for (let i = 0; i < incoming.rawHeaders.length; i += 2)
        lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream);
      // A muted connection stays open but passes nothing more from the server.
      upstream.on("data", (data) => {
        if (!proxy.mute) socket.write(data);
      });
    });
    const end = () => {
      socket.destroy();
      upstream.destroy();
      tunnels.delete(socket);
    };
    socket.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}

describe.each(DIALECTS)("sdk-web in Chromium on %s", (dialect) => {
  let server: TestServer;
  let clientKey = "";
  // Twenty of the varied flags: on/off, JSON rollouts, JSON targeting, semver and numeric rules.
  const flags = variedFlags().filter((_, i) => i % 10 === 0);

  beforeAll(async () => {
    // A heartbeat a second: a silenced connection is noticed within 2 × 1 s + a request's time.
    server = await startTestServer(dialect, { config: { heartbeatSeconds: 1 } });
    clientKey = server.keys.development?.client as string;
    await makeFlags(server, flags);
  }, 60_000);
  afterAll(() => server?.stop());

  const stored = (eventKey: string) => storedEvents(server, eventKey);

  /** The page of the shop with a client made by `options` as window.client, and what it heard. */
  async function shopPage(options: WebClientOptions, page?: Page): Promise<Page> {
    if (!page) {
      page = await browser.newPage();
      page.on("pageerror", (error) => {
        throw error;
      });
    }
    await page.goto(siteUrl);
    await page.evaluate(
      (o) => {
        window.heard = [];
        window.errors = [];
        window.client = FlagSyncWeb.createClient({
          ...(o as unknown as WebClientOptions),
          onError: (error) => window.errors.push(error.message),
        });
        window.client.subscribe((e) =>
          window.heard.push(e.type === "change" ? `change ${e.keys.join(",")}` : e.type),
        );
        // (Playwright's types of a serialisable argument cannot follow JSON values' recursion.)
      },
      options as unknown as Record<string, string>,
    );
    return page;
  }
  const heard = (page: Page) => page.evaluate(() => window.heard);

  /** Core's evaluation, for a user, of the rules the server gives server SDKs. */
  async function coreDetails(user: EvaluationContext) {
    const answer = await fetch(`${server.url}/sdk/rules`, {
      headers: { "x-ridgeline-key": server.keys.development?.server as string },
    });
    const rules = (await answer.json()) as {
      flags: Record<string, FeatureFlagEnvironmentDetailDto>;
    };
    const details: Record<string, Omit<WebFlagDetails, "errorCode" | "ruleId">> = {};
    for (const [key, rule] of Object.entries(rules.flags)) {
      const result = evaluate(fromFlagSyncDetail(rule), user);
      details[key] = {
        value: result.variantId === undefined ? null : result.value,
        variant: result.variantKey ?? null,
        variantId: result.variantId ?? null,
        reason: result.reason,
      };
    }
    return details;
  }
  const served = (page: Page) =>
    page.evaluate(() =>
      Object.fromEntries(
        Object.entries(window.client.allFlagDetails()).map(([key, d]) => [
          key,
          { value: d.value, variant: d.variant, variantId: d.variantId, reason: d.reason },
        ]),
      ),
    );

  it("the server's values, a live change, a removed flag, another user, events sent on exit", async () => {
    const user = { key: "web-1", attributes: { email: "ada@acme.io", plan: "pro", age: 31 } };
    // Nothing is sent before the page goes away but by pagehide.
    const page = await shopPage({
      clientKey,
      baseUrl: server.url,
      context: user,
      flushIntervalMs: 60_000,
    });
    expect(await page.evaluate(() => window.client.ready(5000))).toBe(true);
    expect(await served(page)).toEqual(await coreDetails(user));
    expect(await heard(page)).toEqual(["ready"]);

    // A change made now reaches the page.
    await server.admin("POST", `${WS}/flags`, { key: "web-live", type: "boolean" });
    await page.waitForFunction(() => window.client.flag("web-live", true) === false);
    const started = Date.now();
    await server.admin("PATCH", `${WS}/flags/web-live/environments/development`, {
      enabled: true,
    });
    await page.waitForFunction(() => window.client.flag("web-live", false) === true, null, {
      polling: 5,
    });
    const arrival = Date.now() - started;
    console.log(`sdk-web on ${dialect}: a change reached the page in ${arrival} ms`);
    expect(arrival).toBeLessThan(1000);
    // A flag archived is gone: the caller's default.
    await server.admin("POST", `${WS}/flags/web-live/archive`);
    await page.waitForFunction(() => window.client.flag("web-live", false) === false);
    expect(await page.evaluate(() => window.client.flagDetails("web-live", false))).toMatchObject({
      reason: "ERROR",
      errorCode: "FLAG_NOT_FOUND",
    });
    expect(await heard(page)).toEqual([
      "ready",
      "change web-live",
      "change web-live",
      "change web-live",
    ]);

    // Another user: their values, "change" with the keys that changed, and their own stream.
    const other = { key: "web-1b", attributes: { email: "bo@gmail.com", plan: "free", age: 12 } };
    const want = await coreDetails(other);
    const before = await page.evaluate(() => window.client.allFlagDetails());
    expect(await page.evaluate((o) => window.client.identify(o), other)).toBe(true);
    expect(await served(page)).toEqual(want);
    const after = await page.evaluate(() => window.client.allFlagDetails());
    const changed = Object.keys(after).filter(
      (key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]),
    );
    expect(changed.length).toBeGreaterThan(0);
    expect((await heard(page)).slice(4)).toEqual([`change ${changed.join(",")}`]);
    await server.admin("POST", `${WS}/flags`, { key: "web-who", type: "boolean" });
    await server.admin("PATCH", `${WS}/flags/web-who/environments/development`, {
      enabled: true,
      onVariant: "off",
      rules: [
        { variant: "on", clauses: [{ attribute: "KEY", operator: "IOO", values: ["web-1b"] }] },
      ],
    });
    await page.waitForFunction(() => window.client.flag("web-who", false) === true);

    // Five events, then the shopper leaves: pagehide sends them (keepalive).
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) window.client.track("web-exit", i, { n: i });
    });
    expect(await stored("web-exit")).toBe(0);
    await page.goto("about:blank");
    await until("5 events stored", async () => (await stored("web-exit")) >= 5, 5000);
    // And the impressions it served: one per user and variant, with variant id and reason (the
    // disabled variant, served while the change was on its way, may be one too).
    const impressionsOf = () =>
      server.database.db
        .selectFrom("raw_impressions")
        .select(["user_key", "variant_id", "reason", "derived_variant_id", "derived_reason"])
        .where("flag_key", "=", "web-who")
        .execute();
    await until("the impressions stored", async () =>
      (await impressionsOf()).some((row) => row.variant_id === 1),
    );
    const impressions = await impressionsOf();
    expect(impressions.filter((row) => row.variant_id === 1)).toEqual([
      {
        user_key: "web-1b",
        variant_id: 1,
        reason: "TARGETING_MATCH",
        derived_variant_id: 1,
        derived_reason: "TARGETING_MATCH",
      },
    ]);
    expect(new Set(impressions.map((row) => row.variant_id)).size).toBe(impressions.length);
    expect(await stored("web-exit")).toBe(5);
    await page.close();
  }, 30_000);

  it("bootstrap values, then cached ones, while the server is down; never a throw", async () => {
    const user = { key: "web-2", attributes: { plan: "free", email: "c@corp.com" } };
    const node = createNodeClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
      flushOnExit: false,
    });
    await node.ready(5000);
    const bootstrap = node.allFlagDetails(user);
    await node.close();
    const down = "http://127.0.0.1:9";
    const page = await shopPage({
      clientKey,
      baseUrl: down,
      context: user,
      bootstrap,
      cache: false,
    });
    // The first paint has the server's values, with their reasons; nothing throws.
    expect(await page.evaluate(() => window.client.ready(300))).toBe(false);
    expect(await page.evaluate(() => window.client.allFlagDetails())).toEqual(bootstrap);
    expect(
      await page.evaluate(
        (keys) => keys.map((k) => window.client.flag(k, null)),
        flags.map((f) => f.key),
      ),
    ).toEqual(flags.map((f) => bootstrap[f.key]?.value ?? null));
    await page.evaluate(() => window.client.track("web-down", 1));
    await until("an error event", async () => (await heard(page)).includes("error"), 5000);
    expect(await heard(page)).toEqual(["error"]);
    // A visit with the server up leaves the values in localStorage; the next, without it, serves them.
    await page.evaluate(
      (o) => {
        window.client = FlagSyncWeb.createClient(o);
        return window.client.ready(5000);
      },
      { clientKey, baseUrl: server.url, context: user },
    );
    const cached = await page.evaluate(
      (o) => {
        window.client = FlagSyncWeb.createClient(o);
        return window.client.allFlagDetails();
      },
      { clientKey, baseUrl: down, context: user },
    );
    for (const flag of flags) {
      expect(cached[flag.key]?.reason).toBe("CACHED");
      expect(cached[flag.key]?.value).toEqual(bootstrap[flag.key]?.value);
    }
    // Another user's cached values are not served.
    const stranger = await page.evaluate((o) => FlagSyncWeb.createClient(o).allFlagDetails(), {
      clientKey,
      baseUrl: down,
      context: { key: "web-2b" },
    });
    expect(stranger).toEqual({});
    await page.close();
  });

  it("through 500s, hangs, a dropped and a silenced connection: last values, stale then ready, every event once", async () => {
    const proxy = await faultProxy(server.url);
    const page = await shopPage({
      clientKey,
      baseUrl: proxy.url,
      context: { key: "web-3", attributes: { plan: "team" } },
      // Silence is noticed after 2 heartbeats (1 s each here) and this.
      requestTimeoutMs: 1000,
      retryMs: 100,
      flushIntervalMs: 100,
    });
    try {
      expect(await page.evaluate(() => window.client.ready(5000))).toBe(true);
      const before = await served(page);

      // Event batches: a 500, then a hang (timed out), then through; stored once each.
      proxy.events = "500";
      await page.evaluate(() => {
        for (let i = 0; i < 12; i++) window.client.track("web-faults", i);
      });
      await until("a batch answered 500", () => proxy.seen.events500 > 0);
      proxy.events = "hang";
      await until("a batch hanging", () => proxy.seen.eventsHung > 0);
      proxy.events = "ok";
      await until("12 events stored", async () => (await stored("web-faults")) >= 12);

      // The live connection dropped: stale, the last values, then ready on a new connection.
      proxy.cut();
      await until("ready again", async () => (await heard(page)).join() === "ready,stale,ready");
      expect(await served(page)).toEqual(before);

      // Silenced (a proxy keeping a dead connection open), and the server unreachable: the
      // silence is noticed; the values stay what they were while fetching them answers 500 and
      // then hangs; then all is well again.
      const upgrades = proxy.seen.upgrades;
      proxy.mute = true;
      proxy.ws = "refuse";
      proxy.flags = "500";
      await until("stale", async () => (await heard(page)).length === 4, 8000);
      expect((await heard(page))[3]).toBe("stale");
      await until("a fetch answered 500", () => proxy.seen.flags500 > 0);
      proxy.flags = "hang";
      await until("a fetch hanging", () => proxy.seen.flagsHung > 0);
      expect(await served(page)).toEqual(before);
      expect(proxy.seen.upgrades).toBeGreaterThan(upgrades);
      proxy.flags = "ok";
      proxy.ws = "ok";
      proxy.mute = false;
      await until("ready again", async () => (await heard(page)).length === 5);
      expect((await heard(page))[4]).toBe("ready");
      // It is live again: a change made now arrives.
      await server.admin("POST", `${WS}/flags`, { key: "web-after", type: "boolean" });
      await server.admin("PATCH", `${WS}/flags/web-after/environments/development`, {
        enabled: true,
      });
      await page.waitForFunction(() => window.client.flag("web-after", false) === true);
      expect(await page.evaluate(() => window.client.dropped)).toEqual({
        impressions: 0,
        events: 0,
      });

      // Whatever was retried, nothing was stored twice.
      await page.evaluate(() => window.client.flush());
      expect(await stored("web-faults")).toBe(12);
    } finally {
      await page.close();
      await proxy.close();
    }
  }, 60_000);

  it("events a page could not send, or more than keepalive carries, are sent by the next page once", async () => {
    const proxy = await faultProxy(server.url);
    const options = {
      clientKey,
      baseUrl: proxy.url,
      context: { key: "web-4" },
      flushIntervalMs: 60_000,
      retryMs: 100,
    };
    const page = await shopPage(options);
    try {
      // The server refuses them (500) as the page goes away: they are kept.
      proxy.events = "500";
      await page.evaluate(() => {
        for (let i = 0; i < 7; i++) window.client.track("web-kept", i);
      });
      await page.goto("about:blank");
      await until("the exit batch refused", () => proxy.seen.events500 > 0);
      expect(await stored("web-kept")).toBe(0);
      proxy.events = "ok";
      // The next page sends them as it starts.
      await shopPage(options, page);
      await until("the kept events stored", async () => (await stored("web-kept")) === 7);
      // 40 events of 3 KB: more than the 64 KB that keepalive requests may carry in all.
      await page.evaluate(() => {
        const padding = "é".repeat(1500);
        for (let i = 0; i < 40; i++) window.client.track("web-big", i, { padding });
      });
      await page.goto("about:blank");
      // Part of them were sent on exit, the rest by the next page.
      await until("part of the exit batch stored", async () => (await stored("web-big")) > 0, 5000);
      const onExit = await stored("web-big");
      expect(onExit).toBeLessThan(40);
      await shopPage(options, page);
      await until("all stored", async () => (await stored("web-big")) === 40);
      expect(await page.evaluate(() => window.errors)).toEqual([]);
      // Once each, though some were sent twice.
      await page.evaluate(() => window.client.close());
      expect([await stored("web-big"), await stored("web-kept")]).toEqual([40, 7]);
      console.log(`sdk-web on ${dialect}: ${onExit} of 40 events of 3 KB sent on exit`);
    } finally {
      await page.close();
      await proxy.close();
    }
  }, 30_000);
});
