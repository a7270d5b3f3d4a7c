import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminCall,
  openBrowser,
  type ServerProcess,
  screenshot,
  signIn,
  startServerProcess,
} from "./support.js";

let server: ServerProcess;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startServerProcess();
  ({ browser, page } = await openBrowser(consoleErrors));
  await signIn(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("dashboard: an experiment nobody has seen yet", () => {
  it("says there is not enough data instead of showing p-values and verdicts", async () => {
    const call = (method: string, path: string, body?: unknown) =>
      adminCall(server.url, method, path, body);
    expect((await call("POST", "/flags", { key: "quiet-flag", type: "boolean" })).status).toBe(201);
    expect(
      (await call("POST", "/metrics", { key: "quiet-rate", kind: "conversion", eventKey: "buy" }))
        .status,
    ).toBe(201);
    expect(
      (
        await call("POST", "/experiments", {
          key: "quiet-test",
          flag: "quiet-flag",
          environment: "development",
          baseline: "off",
          primaryMetric: "quiet-rate",
        })
      ).status,
    ).toBe(201);
    expect((await call("POST", "/experiments/quiet-test/start", {})).status).toBe(200);

    await page.goto(`${server.url}/experiments/quiet-test`);
    await page.getByText("Not enough data yet").waitFor();
    await page.getByText("not enough data", { exact: true }).waitFor();
    const table = page.getByRole("region", { name: "Results of quiet-rate" });
    expect(await table.getByText("inconclusive").count()).toBe(0);
    expect(await table.getByText("50.0%").count()).toBe(0);
    expect(await table.getByText("0.00%").count()).toBe(0);
    await screenshot(page, "experiment-empty");
    expect(consoleErrors).toEqual([]);
  });
});
