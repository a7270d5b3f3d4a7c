import { describe, expect, it } from "vitest";
import { adminCall, browserSession, screenshot } from "./support.js";

const s = browserSession();

describe("dashboard: an experiment nobody has seen yet", () => {
  it("says there is not enough data instead of showing p-values and verdicts", async () => {
    const call = (method: string, path: string, body?: unknown) =>
      adminCall(s.server.url, method, path, body);
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

    await s.page.goto(`${s.server.url}/experiments/quiet-test`);
    await s.page.getByText("Not enough data yet").waitFor();
    await s.page.getByText("not enough data", { exact: true }).waitFor();
    const table = s.page.getByRole("region", { name: "Results of quiet-rate" });
    expect(await table.getByText("inconclusive").count()).toBe(0);
    expect(await table.getByText("50.0%").count()).toBe(0);
    expect(await table.getByText("0.00%").count()).toBe(0);
    await screenshot(s.page, "experiment-empty");
    expect(s.consoleErrors).toEqual([]);
  });
});
