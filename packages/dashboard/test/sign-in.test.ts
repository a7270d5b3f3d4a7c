import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, browserSession } from "./support.js";

const s = browserSession({
  env: { ADMIN_SIGN_IN_FAILURES: "2", ADMIN_LOCKOUT_SECONDS: "120" },
  signIn: false,
});

describe("dashboard: sign-in lockout", () => {
  it("says so when wrong tokens locked this address out, even for the right token", async () => {
    const signIn = async (token: string) => {
      await s.page.getByLabel("Admin token").fill(token);
      await s.page.getByRole("button", { name: "Sign in" }).click();
    };
    await s.page.goto(s.server.url);
    await s.page.getByRole("button", { name: "Use an admin token" }).click();
    await signIn("fs_admin_wrong-token-0000000000000000000000");
    await s.page.getByText("This token is not valid").waitFor();
    await signIn("fs_admin_wrong-token-1111111111111111111111");
    const locked = "Too many wrong credentials from this address; try again later";
    await s.page.getByText(`${locked} (in 120 s)`).waitFor();
    await signIn(ADMIN_TOKEN);
    await s.page.getByText(new RegExp(`${locked} \\(in 1[12]\\d s\\)`)).waitFor();
    expect(await s.page.getByRole("heading", { name: "Flags", exact: true }).count()).toBe(0);
    // Chromium logs each refused check itself; nothing else may be logged.
    expect(s.consoleErrors).toEqual([
      "Failed to load resource: the server responded with a status of 401 (Unauthorized)",
      "Failed to load resource: the server responded with a status of 429 (Too Many Requests)",
      "Failed to load resource: the server responded with a status of 429 (Too Many Requests)",
    ]);
  });
});
