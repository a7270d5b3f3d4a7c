// The events page in Debian's Chromium against the real server: the live tail shows an event
// tracked by @flagsync/node-sdk as it is committed, filters by event key, pauses; the catalog
// shows the discovered event with its property types; the search pages through raw events.
import { createRequire } from "node:module";
import type * as NodeSdk from "@flagsync/node-sdk";
import { describe, expect, it } from "vitest";
import { adminCall, browserSession, screenshot, until } from "./support.js";

const require = createRequire(import.meta.url);

/** Tracks events with the official node SDK; destroy() sends what it queued. */
async function track(
  events: { user: string; key: string; value?: number; properties?: Record<string, unknown> }[],
) {
  const sdk = require("@flagsync/node-sdk") as typeof NodeSdk;
  const client = sdk
    .FlagSyncFactory({
      sdkKey: s.server.keys.development?.serverKey as string,
      urls: { sdk: s.server.url },
      sync: { type: "poll", pollRate: 3600 },
      logLevel: "NONE",
    })
    .client();
  await client.waitForReadyCanThrow();
  for (const e of events) client.track({ key: e.user }, e.key, e.value, e.properties);
  await client.destroy();
}

/** A screenshot of the window (1280×800 unless resized). */
const shoot = (name: string, at?: string) => screenshot(s.page, name, at);

const s = browserSession();

describe("dashboard: events", () => {
  it("tails a tracked event live, filters by event key and pauses", async () => {
    await s.page.getByRole("link", { name: "Events" }).click();
    await s.page.getByRole("status").getByText("Live").waitFor();
    const live = s.page.getByRole("table", { name: "Live events" });

    await track([{ user: "buyer-1", key: "purchase", value: 49.99, properties: { plan: "pro" } }]);
    await live.getByRole("row", { name: /purchase.*buyer-1.*49\.99/ }).waitFor();
    await shoot("events-live");

    // Only purchase events while the filter is set.
    await s.page.getByLabel("Event key").fill("purchase");
    await s.page.getByRole("status").getByText("Live").waitFor();
    await s.page.waitForTimeout(500); // the filtered stream replaces the old one
    await s.page.getByRole("button", { name: "Clear" }).click();
    await track([
      { user: "reader-1", key: "page_view" },
      { user: "buyer-2", key: "purchase", value: 5 },
    ]);
    await live.getByRole("row", { name: /purchase.*buyer-2/ }).waitFor();
    expect(await live.getByRole("row", { name: /page_view/ }).count()).toBe(0);

    // Paused: counted, not shown; resumed: shown again from the next one.
    await s.page.getByRole("button", { name: "Pause" }).click();
    await track([{ user: "buyer-3", key: "purchase", value: 7 }]);
    await s.page.getByText("1 new while paused").waitFor();
    await s.page.getByRole("status").getByText("Paused").waitFor();
    expect(await live.getByRole("row", { name: /buyer-3/ }).count()).toBe(0);
    await s.page.getByRole("button", { name: "Resume" }).click();
    await track([{ user: "buyer-4", key: "purchase", value: 8 }]);
    await live.getByRole("row", { name: /buyer-4/ }).waitFor();
  });

  it("applies a filter to the rows already shown, and names the variant of an impression", async () => {
    await s.page.getByLabel("Event key").fill("");
    await s.page.getByRole("button", { name: "Clear" }).click();
    await s.page.getByRole("status").getByText("Live").waitFor();
    await s.page.waitForTimeout(500);
    const live = s.page.getByRole("table", { name: "Live events" });
    const created = await adminCall(s.server.url, "POST", "/flags", {
      key: "tail-copy",
      type: "string",
      variants: [
        { key: "short", value: "Buy" },
        { key: "long", value: "Buy it now" },
      ],
      onVariant: "long",
      offVariant: "short",
    });
    expect(created.status).toBe(201);
    await fetch(`${s.server.url}/track/impressions/server`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-ridgeline-key": s.server.keys.development?.serverKey as string,
      },
      body: JSON.stringify({
        impressions: [
          { context: { key: "viewer-1" }, flagKey: "tail-copy", flagValue: "Buy it now" },
        ],
      }),
    });
    await track([{ user: "viewer-1", key: "signup" }]);
    await live.getByRole("row", { name: /tail-copy.*viewer-1.*variant long/ }).waitFor();
    await live.getByRole("row", { name: /signup.*viewer-1/ }).waitFor();
    // A flag filter hides the event already shown, at once.
    await s.page.getByLabel("Flag key").fill("tail-copy");
    await until(
      async () => (await live.getByRole("row", { name: /signup/ }).count()) === 0,
      5000,
      "the shown event to be filtered out",
    );
    expect(await live.getByRole("row", { name: /tail-copy/ }).count()).toBe(1);
    await s.page.getByLabel("Flag key").fill("");
  });

  it("says when the list is capped, and keeps only the latest rows", async () => {
    await s.page.getByRole("status").getByText("Live").waitFor();
    await s.page.waitForTimeout(500); // the unfiltered stream replaces the filtered one
    await s.page.getByRole("button", { name: "Clear" }).click();
    const live = s.page.getByRole("table", { name: "Live events" });
    await track(Array.from({ length: 230 }, (_, i) => ({ user: `burst-${i}`, key: "burst" })));
    await s.page.getByText("Showing the latest 200; older ones drop off.").waitFor();
    await live.getByRole("row", { name: /burst-229/ }).waitFor();
    // The header row, and 200 items.
    expect(await live.getByRole("row").count()).toBe(201);
    expect(await live.getByRole("row", { name: /burst-0\b/ }).count()).toBe(0);
  });

  it("shows the catalog with counts and property types", async () => {
    await s.page.getByRole("tab", { name: "Catalog" }).click();
    const catalog = s.page.getByRole("table", { name: "Event catalog" });
    const purchase = catalog.getByRole("row", { name: /^purchase/ });
    await purchase.waitFor();
    await expect(purchase.getByRole("cell").nth(1).textContent()).resolves.toBe("4");
    await purchase.getByText("plan").waitFor();
    await purchase.getByText("string", { exact: true }).waitFor();
    await catalog.getByRole("row", { name: /^page_view/ }).waitFor();
    await shoot("events-catalog");
  });

  it("searches raw events with filters and loads more pages", async () => {
    await track(
      Array.from({ length: 120 }, (_, i) => ({ user: `user-${i % 7}`, key: "search", value: i })),
    );
    await s.page.getByRole("tab", { name: "Search" }).click();
    const table = s.page.getByRole("table", { name: "Events" });
    await table.waitFor();
    await s.page.getByLabel("Event key").fill("search");
    await s.page.getByRole("button", { name: "Search" }).click();
    await s.page.getByRole("button", { name: "Load more" }).waitFor();
    expect(await table.getByRole("row").count()).toBe(51); // header + one page of 50
    await s.page.getByRole("button", { name: "Load more" }).click();
    await until(async () => (await table.getByRole("row").count()) === 101, 15_000, "100 rows");
    await s.page.getByRole("button", { name: "Load more" }).click();
    await until(async () => (await table.getByRole("row").count()) === 121, 15_000, "120 rows");
    expect(await s.page.getByRole("button", { name: "Load more" }).count()).toBe(0);

    await s.page.getByLabel("User key").fill("user-3");
    await s.page.getByRole("button", { name: "Search" }).click();
    await until(async () => (await table.getByRole("row").count()) === 18, 15_000, "17 rows"); // 17 of 120 + header
    await shoot("events-search");

    // A bad date comes back from the API next to its field.
    await s.page.getByLabel("From (ISO 8601)").fill("yesterday");
    await s.page.getByRole("button", { name: "Search" }).click();
    await s.page.getByText("must be a date and time", { exact: false }).waitFor();
    expect(s.consoleErrors).toEqual([
      "Failed to load resource: the server responded with a status of 400 (Bad Request)",
    ]);
    s.consoleErrors.length = 0;
  });

  it("logged no console errors", () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
