// The OpenFeature web provider in Chromium against the real server: a page bundled with
// OpenFeature's web SDK, our provider and sdk-web evaluates every type for its user, changes
// user through OpenFeature's context, hears live changes, serves bootstrap values at once, and
// tracks events the server stores.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { launchChromium } from "@flagsync-oss/testkit/browser";
import type { EvaluationContext, FlagValue } from "@openfeature/web-sdk";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../server/test/support/databases.js";
import type { TestServer } from "../../server/test/support/test-server.js";
import type { FlagSyncWebProviderOptions } from "../src/web/index.js";
import { makeProviderFlags, startProxiedServer, trackedEvents, WS } from "./support/fixtures.js";
import type { TcpProxy } from "./support/tcp-proxy.js";

type Kind = "boolean" | "string" | "number" | "object";

let bundle = "";
let site: Server;
let siteUrl = "";
let browser: Browser;

beforeAll(async () => {
  const [built, launched] = await Promise.all([
    build({
      entryPoints: [fileURLToPath(new URL("./page/main.ts", import.meta.url))],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      // Our packages from their sources.
      conditions: ["source"],
      logLevel: "silent",
    }),
    launchChromium(),
  ]);
  bundle = built.outputFiles[0]?.text ?? "";
  browser = launched;
  site = createServer((request, response) => {
    const isBundle = request.url === "/page.js";
    response.writeHead(200, {
      "content-type": isBundle ? "text/javascript" : "text/html; charset=utf-8",
    });
    response.end(
      isBundle ? bundle : '<!doctype html><script type="module" src="/page.js"></script>',
    );
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
});

/** A fresh page (its own storage) with OpenFeature and our provider loaded. */
async function openPage(): Promise<Page> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(siteUrl);
  await tab.waitForFunction(() => "openFeature" in globalThis);
  return tab;
}

async function start(
  tab: Page,
  options: FlagSyncWebProviderOptions,
  context: EvaluationContext,
): Promise<string> {
  // Sent as JSON: typed as such, since Playwright's types of deep structures never end.
  const arg = JSON.stringify([options, context]);
  return tab.evaluate((json) => openFeature.start(...(JSON.parse(json) as [never, never])), arg);
}

describe.each(DIALECTS)("web provider on %s", (dialect) => {
  let server: TestServer;
  let proxy: TcpProxy;
  let stop: () => Promise<void>;
  let options: FlagSyncWebProviderOptions;

  beforeAll(async () => {
    // Pages reach the server through the proxy, whose connections a test cuts.
    ({ server, proxy, stop } = await startProxiedServer(dialect));
    options = { clientKey: server.keys.development?.client as string, baseUrl: proxy.url };
    await makeProviderFlags(server);
  }, 60_000);

  afterAll(async () => {
    await stop?.();
  });

  it("resolves every type for the page's user, and changes user with the context", async () => {
    const tab = await openPage();
    expect(await start(tab, options, { targetingKey: "web-1", plan: "pro" })).toBe("ready");
    const details = (kind: Kind, key: string, fallback: FlagValue) =>
      tab.evaluate(
        (json) => openFeature.details(...(JSON.parse(json) as [Kind, string, never])),
        JSON.stringify([kind, key, fallback]),
      );
    expect(await details("boolean", "of-boolean", true)).toMatchObject({
      value: false,
      variant: "off",
      reason: "TARGETING_MATCH",
      flagMetadata: { variantId: expect.any(Number), ruleId: expect.any(Number) },
    });
    expect(await details("string", "of-string", "x")).toMatchObject({
      value: "beta",
      variant: "b",
      reason: "SPLIT",
    });
    expect(await details("number", "of-number", 0)).toMatchObject({
      value: 1.5,
      reason: "DISABLED",
    });
    expect(await details("object", "of-object", {})).toMatchObject({
      value: { layout: "grid", columns: [1, 2] },
      reason: "DEFAULT",
    });
    expect(await details("string", "of-missing", "x")).toMatchObject({
      value: "x",
      errorCode: "FLAG_NOT_FOUND",
    });
    expect(await details("string", "of-boolean", "x")).toMatchObject({
      value: "x",
      errorCode: "TYPE_MISMATCH",
    });

    // Another user: OpenFeature reconciles, our SDK fetches their values.
    await tab.evaluate((c) => openFeature.setContext(c), { targetingKey: "web-2" });
    expect(await details("boolean", "of-boolean", false)).toMatchObject({
      value: true,
      reason: "DEFAULT",
    });
    const events = await tab.evaluate(() => openFeature.events.map((e) => e.type));
    expect(events).toEqual(["PROVIDER_READY", "PROVIDER_RECONCILING", "PROVIDER_CONTEXT_CHANGED"]);
    await tab.evaluate(() => openFeature.close());
    await tab.context().close();
  });

  it("buckets by the bucketingKey of the context when there is one", async () => {
    const tab = await openPage();
    expect(await start(tab, options, { targetingKey: "w-0" })).toBe("ready");
    // Two users in different halves of the rollout (the seed is fixed: always the same two),
    // then the one in the "off" half with the other's bucketing key.
    const value = await tab.evaluate(async () => {
      const served = new Map<unknown, string>();
      for (let i = 0; served.size < 2 && i < 50; i++) {
        await openFeature.setContext({ targetingKey: `w-${i}` });
        served.set(openFeature.details("boolean", "of-split", false).value, `w-${i}`);
      }
      await openFeature.setContext({
        targetingKey: served.get(false) as string,
        bucketingKey: served.get(true) as string,
      });
      return openFeature.details("boolean", "of-split", false);
    });
    expect(value).toMatchObject({ value: true, reason: "SPLIT" });
    await tab.evaluate(() => openFeature.close());
    await tab.context().close();
  });

  it("hears live changes, a lost connection and its return", async () => {
    const tab = await openPage();
    expect(await start(tab, options, { targetingKey: "web-3" })).toBe("ready");
    await server.admin("PATCH", `${WS}/flags/of-number/environments/development`, {
      enabled: true,
    });
    await tab.waitForFunction(() =>
      openFeature.events.some((e) => e.type === "PROVIDER_CONFIGURATION_CHANGED"),
    );
    expect(
      await tab.evaluate(() =>
        openFeature.events.find((e) => e.type === "PROVIDER_CONFIGURATION_CHANGED"),
      ),
    ).toEqual({ type: "PROVIDER_CONFIGURATION_CHANGED", flagsChanged: ["of-number"] });
    expect(await tab.evaluate(() => openFeature.details("number", "of-number", 0).value)).toBe(10);
    await server.admin("PATCH", `${WS}/flags/of-number/environments/development`, {
      enabled: false,
    });
    await tab.waitForFunction(() => openFeature.details("number", "of-number", 0).value === 1.5);

    // The WebSocket is cut: stale; our SDK fetches the values again after a backoff: ready.
    proxy.cut();
    await tab.waitForFunction(() => openFeature.status() === "STALE");
    await tab.waitForFunction(() => openFeature.status() === "READY");
    const events = await tab.evaluate(() => openFeature.events.map((e) => e.type));
    expect(events.slice(events.indexOf("PROVIDER_STALE"))).toEqual([
      "PROVIDER_STALE",
      "PROVIDER_READY",
    ]);
    await tab.evaluate(() => openFeature.close());
    await tab.context().close();
  });

  it("is ready at once with cached or bootstrap values, and refuses a context without a key", async () => {
    const tab = await openPage();
    const offline = { clientKey: options.clientKey, baseUrl: "http://127.0.0.1:9" };
    // The page's first visit caches web-5's values; on the next, the server is unreachable.
    expect(await start(tab, options, { targetingKey: "web-5" })).toBe("ready");
    await tab.evaluate(() => openFeature.close());
    expect(await start(tab, offline, { targetingKey: "web-5" })).toBe("ready");
    expect(
      await tab.evaluate(() => openFeature.details("boolean", "of-boolean", false)),
    ).toMatchObject({ value: true, variant: "on", reason: "CACHED" });
    await tab.evaluate(() => openFeature.close());

    // Values computed on the server for the first paint keep their reason.
    const bootstrap = {
      "of-boolean": {
        value: false,
        variant: "off",
        variantId: 2,
        reason: "TARGETING_MATCH",
        ruleId: 1,
        errorCode: null,
      },
    };
    expect(await start(tab, { ...offline, bootstrap }, { targetingKey: "web-6" })).toBe("ready");
    expect(
      await tab.evaluate(() => openFeature.details("boolean", "of-boolean", true)),
    ).toMatchObject({ value: false, variant: "off", reason: "TARGETING_MATCH" });
    expect(await tab.evaluate(() => openFeature.details("string", "of-string", "x"))).toMatchObject(
      {
        value: "x",
        errorCode: "PROVIDER_NOT_READY",
      },
    );
    await tab.evaluate(() => openFeature.close());

    expect(await start(tab, options, { plan: "pro" })).toMatch(/targetingKey/);
    expect(await tab.evaluate(() => openFeature.status())).toBe("ERROR");
    expect(
      await tab.evaluate(() => openFeature.details("boolean", "of-boolean", true)),
    ).toMatchObject({ value: true, errorCode: "TARGETING_KEY_MISSING" });
    await tab.evaluate(() => openFeature.close());
    await tab.context().close();
  });

  it("tracks events of the page's user, sent when closed", async () => {
    const tab = await openPage();
    expect(await start(tab, options, { targetingKey: "web-buyer" })).toBe("ready");
    await tab.evaluate(() => openFeature.track("web-purchase", { value: 12.5, currency: "EUR" }));
    await tab.evaluate(() => openFeature.close());
    await tab.context().close();
    expect(await trackedEvents(server, "web-purchase")).toEqual([
      { user_key: "web-buyer", value: 12.5, properties: { currency: "EUR" } },
    ]);
  });
});
