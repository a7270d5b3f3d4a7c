import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, openBrowser, type ServerProcess, startServerProcess } from "./support.js";

let server: ServerProcess;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startServerProcess({ ADMIN_SIGN_IN_FAILURES: "2", ADMIN_LOCKOUT_SECONDS: "120" });
  ({ browser, page } = await openBrowser(consoleErrors));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("dashboard: sign-in lockout", () => {
  it("says so when wrong tokens locked this address out, even for the right token", async () => {
    const signIn = async (token: string) => {
      await page.getByLabel("Admin token").fill(token);
      await page.getByRole("button", { name: "Sign in" }).click();
    };
    await page.goto(server.url);
    await signIn("fs_admin_wrong-token-0000000000000000000000");
    await page.getByText("This token is not valid").waitFor();
    await signIn("fs_admin_wrong-token-1111111111111111111111");
    const locked = "Too many wrong admin tokens from this address; try again later";
    await page.getByText(`${locked} (in 120 s)`).waitFor();
    await signIn(ADMIN_TOKEN);
    await page.getByText(new RegExp(`${locked} \\(in 1[12]\\d s\\)`)).waitFor();
    expect(await page.getByRole("heading", { name: "Flags", exact: true }).count()).toBe(0);
    // Chromium logs each refused check itself; nothing else may be logged.
    expect(consoleErrors).toEqual([
      "Failed to load resource: the server responded with a status of 401 (Unauthorized)",
      "Failed to load resource: the server responded with a status of 429 (Too Many Requests)",
      "Failed to load resource: the server responded with a status of 429 (Too Many Requests)",
    ]);
  });
});
