// Scheduling a draft and restoring a version from a flag's page: the draft applies at its time
// (listed until then), and an earlier version becomes the state again as a new one.
import { describe, expect, it } from "vitest";
import { adminCall, adminOk, browserSession, screenshot, until } from "./support.js";

const s = browserSession({
  before: async (server) => {
    await adminOk(server.url, "POST", "/flags", { key: "night-launch", type: "boolean" });
  },
});

/** A time `ms` from now as a datetime-local input takes it, in the browser's zone (UTC here). */
const localIn = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 19);

describe("dashboard: schedules and versions", () => {
  it("schedules a draft, which applies at its time; then restores the version before it", async () => {
    await s.page.goto(`${s.server.url}/flags/night-launch`);
    await s.page.getByRole("switch").click();
    await s.page.getByRole("button", { name: "Schedule…" }).click();
    const dialog = s.page.getByRole("dialog", {
      name: "Schedule this change to night-launch in development",
    });
    await dialog.getByLabel("When (your time)").fill(localIn(4000));
    await screenshot(s.page, "schedule-draft");
    await dialog.getByRole("button", { name: "Schedule" }).click();
    const scheduled = s.page.getByRole("region", { name: "Scheduled changes" });
    await scheduled.getByText("Turn on").waitFor();
    // The draft went into the schedule: the form shows the state as it is (off), not saved.
    expect(await s.page.getByRole("switch").isChecked()).toBe(false);
    await screenshot(s.page, "schedule-listed");
    const state = () =>
      adminCall(s.server.url, "GET", "/flags/night-launch/environments/development");
    expect((await state()).body.enabled).toBe(false);
    await until(async () => (await state()).body.enabled === true, 8000, "the scheduled change");

    await s.page.reload();
    const versions = s.page.getByRole("region", { name: "Versions" });
    await versions.getByText("v2").waitFor();
    await versions.getByRole("button", { name: "Restore" }).click();
    await s.page.getByRole("dialog").getByLabel("Why (optional)").fill("not tonight");
    await s.page.getByRole("dialog").getByRole("button", { name: "Restore" }).click();
    await versions.getByText("v3").waitFor();
    const restored = (await state()).body;
    expect(restored).toMatchObject({ enabled: false, version: 3 });
    await screenshot(s.page, "versions-restored", "Versions");
    expect(s.consoleErrors).toEqual([]);
  });
});
