// Our browser SDK against the real server. In Node: the values, variants and reasons of 200
// generated flags for thousands of users equal packages/core's. In Chromium (the bundle a page
// loads, cross-origin to the server): a live change, events sent as the page goes away,
// bootstrap and cached values while the server is down, and through 500s, a hanging request and
// a dropped stream: the last values kept, a reconnect, every event stored once.

import { createServer, request as httpRequest, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { type EvaluationContext, evaluate, type Flag } from "@flagsync-oss/core";
import { createClient as createNodeClient } from "@flagsync-oss/sdk-node";
import { createClient, type WebFlagDetails } from "@flagsync-oss/sdk-web";
import { benchmarkFlags, generateUsers } from "@flagsync-oss/testkit";
import { launchChromium } from "@flagsync-oss/testkit/browser";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeFlags, storedEvents } from "../../server/test/support/admin-flags.js";
import { DIALECTS } from "../../server/test/support/databases.js";
import { startTestServer, type TestServer } from "../../server/test/support/test-server.js";

const WS = "/api/v1/workspaces/default";

/** What a page's client is asked to do, evaluated in the page (the bundle defines FlagSyncWeb). */
declare const FlagSyncWeb: typeof import("@flagsync-oss/sdk-web");
declare const window: { client: ReturnType<typeof createClient>; heard: string[] };

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

/** The served variant and value of a flag, as core evaluates it for a context. */
const expected = (flag: Flag, context: EvaluationContext) => {
  const result = evaluate(flag, context);
  return result.variantId === undefined
    ? { variant: null, value: null }
    : { variant: result.variantKey ?? null, value: result.value };
};

describe.each(DIALECTS)("sdk-web on %s", (dialect) => {
  let server: TestServer;
  let clientKey = "";
  const flags: Flag[] = benchmarkFlags();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    clientKey = server.keys.development?.client as string;
    await makeFlags(server, flags);
  }, 120_000);
  afterAll(() => server?.stop());

  const stored = (eventKey: string) => storedEvents(server, eventKey);

  /** A page of the shop with a client made by `options` (a JS object literal) as window.client. */
  async function shopPage(options: string): Promise<Page> {
    const page = await browser.newPage();
    page.on("pageerror", (error) => {
      throw error;
    });
    await page.goto(siteUrl);
    await page.evaluate(`
      window.heard = [];
      window.client = FlagSyncWeb.createClient(${options});
      window.client.subscribe((e) => window.heard.push(e.type === "change" ? "change " + e.keys.join(",") : e.type));
    `);
    return page;
  }

  it("serves what packages/core evaluates for 200 flags × 10,000 users, with variants and reasons", async () => {
    const users = generateUsers(dialect === "sqlite" ? 10_000 : 2_000);
    const differences: string[] = [];
    let compared = 0;
    // Eight clients at once, each identifying one user after another (no live stream in Node).
    await Promise.all(
      [0, 1, 2, 3, 4, 5, 6, 7].map(async (lane) => {
        const client = createClient({ clientKey, baseUrl: server.url, context: { key: "x" } });
        expect(await client.ready(5000)).toBe(true);
        for (let i = lane; i < users.length; i += 8) {
          const user = users[i] as EvaluationContext;
          expect(await client.identify(user)).toBe(true);
          for (const flag of flags) {
            const details = client.flagDetails(flag.key, null);
            const want = expected(flag, user);
            if (
              details.variant !== want.variant ||
              JSON.stringify(details.value) !== JSON.stringify(want.value) ||
              details.reason !== evaluate(flag, user).reason
            )
              differences.push(`${flag.key} for ${user.key}: ${JSON.stringify([details, want])}`);
            compared++;
          }
        }
        await client.close();
      }),
    );
    expect(differences.slice(0, 5)).toEqual([]);
    expect(compared).toBe(flags.length * users.length);
  }, 120_000);

  it("in Chromium: the server's values, a live change, and events sent as the page goes away", async () => {
    const user = { key: "web-1", attributes: { email: "ada@acme.com", plan: "pro", age: 31 } };
    const page = await shopPage(
      JSON.stringify({ clientKey, baseUrl: server.url, context: user, flushIntervalMs: 60_000 }),
    );
    expect(await page.evaluate(() => window.client.ready(5000))).toBe(true);
    const served = (await page.evaluate(() => window.client.allFlagDetails())) as Record<
      string,
      WebFlagDetails
    >;
    for (const flag of flags)
      expect([served[flag.key]?.variant ?? null, served[flag.key]?.value ?? null]).toEqual(
        Object.values(expected(flag, user)),
      );
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
    const heard = await page.evaluate(() => window.heard);
    expect(heard, heard.join(" | ")).toEqual(["ready", "change web-live", "change web-live"]);
    // Five events, then the shopper leaves: pagehide sends them (keepalive).
    await page.evaluate(() => {
      for (let i = 0; i < 5; i++) window.client.track("web-exit", i, { n: i });
    });
    expect(await stored("web-exit")).toBe(0);
    await page.goto("about:blank");
    const deadline = Date.now() + 5000;
    while ((await stored("web-exit")) < 5 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await stored("web-exit")).toBe(5);
    // And the impressions it served, with their variant ids and reasons.
    const impressions = await server.database.db
      .selectFrom("raw_impressions")
      .select(["flag_key", "variant_id", "reason", "derived_variant_id"])
      .where("user_key", "=", user.key)
      .where("flag_key", "=", "web-live")
      .execute();
    expect(impressions.length).toBeGreaterThan(0);
    for (const row of impressions) expect(row.variant_id).toBe(row.derived_variant_id);
    await page.close();
  }, 60_000);

  it("in Chromium: bootstrap values, then cached ones, while the server is down", async () => {
    const user = { key: "web-2", attributes: { plan: "free" } };
    const node = createNodeClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
      flushOnExit: false,
    });
    await node.ready(5000);
    const bootstrap = node.allFlagDetails(user);
    await node.close();
    const down = "http://127.0.0.1:9";
    const page = await shopPage(
      JSON.stringify({ clientKey, baseUrl: down, context: user, bootstrap, cache: false }),
    );
    // The first paint has the server's values; the client never throws.
    expect(await page.evaluate(() => window.client.ready(300))).toBe(false);
    const first = await page.evaluate(
      (keys) => keys.map((k) => window.client.flag(k, null)),
      flags.map((f) => f.key),
    );
    expect(first).toEqual(flags.map((f) => bootstrap[f.key]?.value ?? null));
    expect(await page.evaluate(() => window.heard)).toContain("error");
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
    await page.close();
  });

  it("in Chromium: through 500s, a hanging request and a dropped stream: last values, a reconnect, every event once", async () => {
    // A proxy in front of the server: the first event batch fails with 500, the second hangs;
    // the first live connection is cut once its first message passed.
    const target = new URL(server.url);
    let batches = 0;
    let sockets = 0;
    const proxy: Server = createServer((incoming, outgoing) => {
      const path = incoming.url ?? "";
      if (path.startsWith("/v1/track/events/") && incoming.method === "POST") {
        batches++;
        if (batches === 1) {
          incoming.resume();
          outgoing
            .writeHead(500, {
              "access-control-allow-origin": siteUrl,
              "content-type": "application/json",
            })
            .end("{}");
          return;
        }
        if (batches === 2) return; // hangs: never answered
      }
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path,
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      incoming.pipe(upstream);
    });
    const open = new Set<Socket>();
    proxy.on("upgrade", (incoming, socket: Socket, head) => {
      const upstream = connect(Number(target.port), target.hostname, () => {
        const lines = [`${incoming.method} ${incoming.url} HTTP/1.1`];
        for (let i = 0; i < incoming.rawHeaders.length; i += 2)
          lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
        upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
        upstream.write(head);
        socket.pipe(upstream).pipe(socket);
      });
      const n = ++sockets;
      open.add(socket);
      const end = () => {
        socket.destroy();
        upstream.destroy();
        open.delete(socket);
      };
      socket.on("error", end).on("close", end);
      upstream.on("error", end).on("close", end);
      // The first connection is cut as soon as a message came through it.
      if (n === 1) upstream.once("data", () => setTimeout(end, 300));
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const page = await shopPage(
      JSON.stringify({
        clientKey,
        baseUrl: proxyUrl,
        context: { key: "web-3" },
        requestTimeoutMs: 500,
        flushIntervalMs: 100,
      }),
    );
    try {
      expect(await page.evaluate(() => window.client.ready(5000))).toBe(true);
      const before = await page.evaluate(() => window.client.allFlagDetails());
      await page.evaluate(() => {
        for (let i = 0; i < 12; i++) window.client.track("web-faults", i);
      });
      const deadline = Date.now() + 15_000;
      while ((await stored("web-faults")) < 12 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await stored("web-faults")).toBe(12);
      expect(batches).toBeGreaterThanOrEqual(3);
      // The cut stream: stale, the last values kept, then ready again on a new connection.
      await page.waitForFunction(() => window.heard.filter((e) => e === "ready").length >= 2);
      const heard = await page.evaluate(() => window.heard);
      expect(heard.slice(0, 3), heard.join(" | ")).toEqual(["ready", "stale", "ready"]);
      expect(await page.evaluate(() => window.client.allFlagDetails())).toEqual(before);
      expect(sockets).toBeGreaterThanOrEqual(2);
      // It hears a change made now.
      await server.admin("POST", `${WS}/flags`, { key: "web-after-drop", type: "boolean" });
      await server.admin("PATCH", `${WS}/flags/web-after-drop/environments/development`, {
        enabled: true,
      });
      await page.waitForFunction(() => window.client.flag("web-after-drop", false) === true);
      // Nothing stored twice, whatever was retried.
      await page.evaluate(() => window.client.flush());
      expect(await stored("web-faults")).toBe(12);
    } finally {
      await page.close();
      for (const socket of open) socket.destroy();
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 60_000);
});
