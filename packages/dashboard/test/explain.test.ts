// "Why did this user get that?" on a flag's page: a context gets its value with the rule and
// clause outcomes, or its rollout bucket.
import { describe, expect, it } from "vitest";
import { adminOk, browserSession, screenshot, trackAll } from "./support.js";

const s = browserSession({
  before: async (server) => {
    await adminOk(server.url, "POST", "/flags", { key: "why", type: "boolean" });
    await adminOk(server.url, "PATCH", "/flags/why/environments/development", {
      enabled: true,
      rules: [
        {
          name: "Staff",
          variant: "on",
          clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@acme.com"] }],
        },
      ],
      rollout: [
        { variant: "on", percentage: 50 },
        { variant: "off", percentage: 50 },
      ],
    });
  },
});

describe("dashboard: why did this user get that?", () => {
  it("explains a targeted user and a user in the rollout", async () => {
    await s.page.goto(`${s.server.url}/flags/why`);
    const panel = s.page.getByRole("region", { name: "Why did this user get that?" });
    await panel.getByLabel("User key").fill("ada");
    await panel.getByLabel("Attributes (JSON)").fill('{"email": "ada@acme.com"}');
    await panel.getByRole("button", { name: "Explain" }).click();
    await panel.getByText('Rule 1 "Staff" → on: matched').waitFor();
    await panel.getByText("TARGETING_MATCH").waitFor();
    await screenshot(s.page, "explain-rule", "TARGETING_MATCH");
    await panel.getByLabel("Attributes (JSON)").fill('{"email": "bo@example.com"}');
    await panel.getByRole("button", { name: "Explain" }).click();
    await panel
      .getByText(/^Rollout: bucket \d+ of 0–99 falls in (on \(0–50\)|off \(50–100\))$/)
      .waitFor();
    await panel.getByText("did not match").waitFor();
  });

  it("explains for a user seen in impressions, with the attributes last sent", async () => {
    await trackAll(s.server, "/track/impressions/server", {
      impressions: [
        {
          flagKey: "why",
          flagValue: true,
          context: { key: "grace", attributes: { email: "grace@acme.com", plan: "pro" } },
          timestamp: new Date().toISOString(),
        },
      ],
    });
    await s.page.goto(`${s.server.url}/flags/why`);
    const panel = s.page.getByRole("region", { name: "Why did this user get that?" });
    await panel.getByLabel("User key").fill("grace");
    await panel.getByRole("button", { name: "Attributes last seen" }).click();
    await panel.getByText(/Attributes of its latest impression \(flag why/).waitFor();
    expect(JSON.parse(await panel.getByLabel("Attributes (JSON)").inputValue())).toEqual({
      email: "grace@acme.com",
      plan: "pro",
    });
    await panel.getByRole("button", { name: "Explain" }).click();
    await panel.getByText('Rule 1 "Staff" → on: matched').waitFor();
    await screenshot(s.page, "explain-last-seen", "Why did this user get that?");
    // A user never seen here is said to be so.
    await panel.getByLabel("User key").fill("nobody");
    await panel.getByRole("button", { name: "Attributes last seen" }).click();
    await panel.getByText('No impression of user "nobody" in environment "development"').waitFor();
  });
});
