// sdk-react against the real server. On Node: pages rendered to strings with sdk-node's bootstrap
// values. In Chromium: that markup hydrated without a mismatch, a flag changed through the admin
// API re-rendering only its reader, a tracked event stored by the server, the provider hidden and
// shown again, a new context, and the client closed with the provider.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createClient as createNodeClient, type FlagSyncClient } from "@flagsync-oss/sdk-node";
import { FlagSyncProvider, useFlag } from "@flagsync-oss/sdk-react";
import { createClient, type WebClientOptions, type WebFlagDetails } from "@flagsync-oss/sdk-web";
import { launchChromium } from "@flagsync-oss/testkit/browser";
import { build } from "esbuild";
import type { Browser, WebSocket as PageSocket } from "playwright-core";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../server/test/support/databases.js";
import { startTestServer, type TestServer } from "../../server/test/support/test-server.js";
import { App, Page } from "./app/app.js";

const WS = "/api/v1/workspaces/default";
const USER = { key: "user-react-1", attributes: { plan: "pro" } };

/** The bundled browser app, and the pages of the tiny site that serves it (path → HTML). */
let bundle = "";
const pages = new Map<string, string>();
let site: Server;
let siteUrl = "";
let browser: Browser;

beforeAll(async () => {
  const [built, launched] = await Promise.all([
    build({
      entryPoints: [fileURLToPath(new URL("./app/main.tsx", import.meta.url))],
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      jsx: "automatic",
      // Our packages from their sources; React's development build, which reports mismatches.
      conditions: ["source"],
      define: { "process.env.NODE_ENV": '"development"' },
      logLevel: "silent",
    }),
    launchChromium(),
  ]);
  bundle = built.outputFiles[0]?.text ?? "";
  browser = launched;
  site = createServer((request, response) => {
    const isBundle = request.url === "/app.js";
    const body = isBundle ? bundle : pages.get(request.url ?? "");
    response.writeHead(body === undefined ? 404 : 200, {
      "content-type": isBundle ? "text/javascript" : "text/html; charset=utf-8",
    });
    response.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
});

/** Reads a string flag with a number default: it gets that default, typed by it. */
function Mismatch() {
  const count: number = useFlag("headline", 7);
  return createElement("p", null, `n=${count}`);
}

describe.each(DIALECTS)("sdk-react on %s", (dialect) => {
  let server: TestServer;
  let node: FlagSyncClient;
  let bootstrap: Record<string, WebFlagDetails>;
  let options: WebClientOptions;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    const made = await Promise.all([
      server.admin("POST", `${WS}/flags`, {
        key: "headline",
        type: "string",
        variants: [
          { key: "hello", value: "Hello from the server" },
          { key: "plain", value: "Plain" },
        ],
        onVariant: "hello",
        offVariant: "plain",
      }),
      server.admin("POST", `${WS}/flags`, { key: "new-checkout", type: "boolean" }),
    ]);
    expect(made.map((m) => m.status)).toEqual([201, 201]);
    const on = await server.admin("PATCH", `${WS}/flags/headline/environments/development`, {
      enabled: true,
      rules: [
        {
          name: "testers",
          variant: "plain",
          clauses: [{ attribute: "KEY", operator: "IOO", values: ["user-react-2"] }],
        },
      ],
    });
    expect(on.status).toBe(200);
    // As a page's server would: sdk-node computes every flag's details for the user.
    node = createNodeClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: server.url,
      flushOnExit: false,
    });
    expect(await node.ready(5000)).toBe(true);
    bootstrap = node.allFlagDetails(USER);
    options = {
      clientKey: server.keys.development?.client as string,
      baseUrl: server.url,
      context: USER,
      bootstrap,
    };
  });
  afterAll(async () => {
    await node?.close();
    await server?.stop();
  });

  it("renders the bootstrap values on the server, and defaults outside a provider", async () => {
    expect(bootstrap.headline?.value).toBe("Hello from the server");
    expect(bootstrap["new-checkout"]?.value).toBe(false);

    // A client made by the app, given the bootstrap values.
    const client = createClient({ ...options, live: false, cache: false });
    const withClient = renderToString(
      createElement(FlagSyncProvider, { client }, createElement(App)),
    );
    // A default of another type than the flag's: that default, typed by it.
    const mismatch = renderToString(
      createElement(FlagSyncProvider, { client }, createElement(Mismatch)),
    );
    await client.close();
    expect(mismatch).toBe("<p>n=7</p>");
    expect(withClient).toContain(
      `data-reason="${bootstrap.headline?.reason}">Hello from the server</h1>`,
    );
    expect(withClient).toContain(">Buy</button>");

    // A provider making its own client from options (what a page hydrates, below).
    expect(renderToString(createElement(Page, { options }))).toContain(
      ">Hello from the server</h1>",
    );

    // No provider: the defaults, without throwing.
    const alone = renderToString(createElement(App));
    expect(alone).toContain('data-reason="ERROR">Welcome</h1>');
    expect(alone).toContain(">Buy</button>");
  });

  it("hydrates in Chromium, re-renders on a live change, tracks, identifies and closes", async () => {
    const markup = renderToString(createElement(Page, { options }));
    pages.set(
      `/${dialect}`,
      `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head>` +
        `<body><div id="root">${markup}</div>` +
        // Kept before hydration, to show afterwards that React adopted these nodes.
        `<script>window.ssrHeadline = document.getElementById("headline");` +
        `window.FLAGSYNC_OPTIONS = ${JSON.stringify(options).replace(/</g, "\\u003c")};</script>` +
        `<script type="module" src="/app.js"></script></body></html>`,
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    const sockets: { socket: PageSocket; frames: number }[] = [];
    page.on("websocket", (socket) => {
      const entry = { socket, frames: 0 };
      sockets.push(entry);
      socket.on("framereceived", () => entry.frames++);
    });
    try {
      await page.goto(`${siteUrl}/${dialect}`);
      await page.waitForFunction(() => window.flagsync !== undefined);
      // React adopted the server's nodes (a mismatch renders anew) and said nothing.
      const adopted = await page.evaluate(
        () =>
          document.getElementById("headline") === (window as { ssrHeadline?: unknown }).ssrHeadline,
      );
      expect({ adopted, problems }).toEqual({ adopted: true, problems: [] });
      expect(await page.evaluate(() => window.flagsync?.client?.ready(5000))).toBe(true);
      expect(await page.textContent("#headline")).toBe("Hello from the server");
      expect(await page.textContent("#buy")).toBe("Buy");

      // The live connection is up once it has sent its first frame (a snapshot).
      await expect.poll(() => sockets.at(-1)?.frames ?? 0, { timeout: 5000 }).toBeGreaterThan(0);
      const before = await page.evaluate(() => ({ ...window.flagsync?.renders }));
      const started = performance.now();
      const changed = await server.admin(
        "PATCH",
        `${WS}/flags/new-checkout/environments/development`,
        { enabled: true },
      );
      expect(changed.status).toBe(200);
      await page.waitForFunction(
        () => document.getElementById("buy")?.textContent === "Buy now (new checkout)",
        undefined,
        { timeout: 5000, polling: "raf" },
      );
      const elapsed = performance.now() - started;
      const after = await page.evaluate(() => ({ ...window.flagsync?.renders }));
      console.log(`[${dialect}] admin change to re-rendered DOM: ${elapsed.toFixed(0)} ms`);
      expect(elapsed).toBeLessThan(1000);
      expect(after.checkout).toBeGreaterThan(before.checkout ?? 0);
      expect(after.headline).toBe(before.headline);
      // Strict mode mounted the provider twice; it made one client, with one live connection.
      expect(sockets.length).toBe(1);

      await page.click("#buy");
      await page.evaluate(() => window.flagsync?.client?.flush());
      let events: {
        eventKey: string;
        userKey: string;
        value: number | null;
        properties: unknown;
      }[] = [];
      await expect
        .poll(
          async () => {
            events = (
              await server.admin("GET", `${WS}/environments/development/events?key=purchase`)
            ).body.events;
            return events.length;
          },
          { timeout: 5000 },
        )
        .toBe(1);
      expect(events[0]).toMatchObject({
        eventKey: "purchase",
        userKey: USER.key,
        value: 42,
        properties: { page: "checkout" },
      });

      // Hidden in an <Activity>, the provider closes its client; shown again, it makes one more
      // (one, in strict mode too), which gets live changes.
      await page.evaluate(() => window.renderPage?.({ hidden: true }));
      await expect.poll(() => sockets.every((s) => s.socket.isClosed())).toBe(true);
      // Shown again with the values the closed client had, never the page's first ones.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as { buyTexts?: string[] }).buyTexts = seen;
        const buy = document.getElementById("buy") as HTMLElement;
        new MutationObserver(() => seen.push(buy.textContent ?? "")).observe(buy, {
          subtree: true,
          childList: true,
          characterData: true,
        });
        window.renderPage?.({ hidden: false });
      });
      await expect.poll(() => sockets[1]?.frames ?? 0).toBeGreaterThan(0);
      expect(sockets.length).toBe(2);
      expect(await page.evaluate(() => (window as { buyTexts?: string[] }).buyTexts)).toEqual([]);
      await server.admin("PATCH", `${WS}/flags/new-checkout/environments/development`, {
        enabled: false,
      });
      await page.waitForFunction(() => document.getElementById("buy")?.textContent === "Buy");

      // New options with another context: the same client, identified anew.
      await page.evaluate(() => window.renderPage?.({ context: { key: "user-react-2" } }));
      await page.waitForFunction(
        () => document.getElementById("headline")?.textContent === "Plain",
      );
      expect(await page.getAttribute("#headline", "data-reason")).toBe("TARGETING_MATCH");
      expect(await page.evaluate(() => window.flagsync?.client?.context.key)).toBe("user-react-2");

      // Unmounted, the provider closes its client: no live connection is left open.
      await page.evaluate(() => window.unmountPage?.());
      await expect.poll(() => sockets.every((s) => s.socket.isClosed())).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
