import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, adminOk, browserSession, screenshot } from "./support.js";

/** Enough flags that the log needs a second page of 50. */
const BULK_FLAGS = 55;

interface Entry {
  id: number;
  action: string;
  resourceKey: string;
  environmentKey: string | null;
  before: unknown;
  after: unknown;
}

const admin = (method: string, path: string, body?: unknown) =>
  adminOk(s.server.url, method, path, body);

/** The whole log as the API has it, newest first. */
async function fullLog(): Promise<Entry[]> {
  return (await admin("GET", "/audit?limit=500")).entries;
}

/** The entry ids the page lists, top to bottom. */
async function listedIds(): Promise<number[]> {
  return s.page
    .locator('button[aria-label^="Details of entry "]')
    .evaluateAll((buttons) =>
      buttons.map((b) => Number(b.getAttribute("aria-label")?.replace("Details of entry ", ""))),
    );
}

/** A screenshot of the window (1280×800 unless resized). */
const shoot = (name: string, at?: string) => screenshot(s.page, name, at);

const s = browserSession({
  signIn: false,
});

beforeAll(async () => {
  for (let i = 1; i <= BULK_FLAGS; i++)
    await admin("POST", "/flags", { key: `bulk-${String(i).padStart(2, "0")}`, type: "boolean" });
  await admin("POST", "/flags", {
    key: "checkout-redesign",
    name: "Checkout redesign",
    type: "boolean",
  });
  await admin("PATCH", "/flags/checkout-redesign/environments/development", { enabled: true });
  await admin("PATCH", "/flags/checkout-redesign/environments/production", { enabled: true });
});

describe("dashboard: audit log", () => {
  it("signs in and lists the latest 50 changes, newest first", async () => {
    await s.page.goto(`${s.server.url}/audit`);
    await s.page.getByRole("button", { name: "Use an admin token" }).click();
    await s.page.getByLabel("Admin token").fill(ADMIN_TOKEN);
    await s.page.getByRole("button", { name: "Sign in" }).click();
    await s.page.getByRole("heading", { name: "Audit log" }).waitFor();
    const table = s.page.getByRole("table", { name: "Audit entries" });
    await table.waitFor();

    const log = await fullLog();
    expect(log.length).toBeGreaterThan(50);
    expect(await listedIds()).toEqual(log.slice(0, 50).map((e) => e.id));
    const rows = table.locator("tbody tr");
    // Each cell's text, its parts (e.g. a resource's type and key) separated by a space.
    const top = await rows.evaluateAll((trs) =>
      trs
        .slice(0, 3)
        .map((tr) =>
          [...tr.querySelectorAll("td")].map((td) =>
            td.children.length > 0
              ? [...td.children].map((part) => part.textContent).join(" ")
              : td.textContent,
          ),
        ),
    );
    expect(top.map((cells) => [cells[2], cells[3], cells[4]])).toEqual([
      ["flag.state.updated", "flag-state checkout-redesign/production", "production"],
      ["flag.state.updated", "flag-state checkout-redesign/development", "development"],
      ["flag.created", "flag checkout-redesign", "—"],
    ]);
    await s.page.getByText("50 entries shown, newest first").waitFor();
    await shoot("audit");
  });

  it("loads the older entries with Load more until the beginning of the log", async () => {
    await s.page.getByRole("button", { name: "Load more" }).click();
    await s.page.getByText("This is the beginning of the log.").waitFor();
    const log = await fullLog();
    expect(await listedIds()).toEqual(log.map((e) => e.id));
    expect(await s.page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(log.at(-1)?.action).not.toBe("flag.state.updated");
  });

  it("opens an entry with its state before and after as JSON", async () => {
    const entry = (await fullLog()).find(
      (e) => e.action === "flag.state.updated" && e.environmentKey === "development",
    ) as Entry;
    await s.page.getByRole("button", { name: `Details of entry ${entry.id}`, exact: true }).click();
    const dialog = s.page.getByRole("dialog", { name: `Audit entry #${entry.id}` });
    await dialog.getByText("checkout-redesign/development").waitFor();
    const before = JSON.parse(
      (await dialog.getByRole("region", { name: "Before" }).locator("pre").textContent()) ?? "",
    );
    const after = JSON.parse(
      (await dialog.getByRole("region", { name: "After" }).locator("pre").textContent()) ?? "",
    );
    expect(before).toEqual(entry.before);
    expect(after).toEqual(entry.after);
    expect(before.enabled).toBe(false);
    expect(after.enabled).toBe(true);
    // What changed is said in words.
    const changed = dialog.locator("dd").filter({ hasText: "Turned on" });
    expect(await changed.count()).toBe(1);
    await shoot("audit-entry");
    await s.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });

    // A creation has nothing before it.
    const created = (await fullLog()).find((e) => e.action === "flag.created") as Entry;
    await s.page
      .getByRole("button", { name: `Details of entry ${created.id}`, exact: true })
      .click();
    const createdDialog = s.page.getByRole("dialog", { name: `Audit entry #${created.id}` });
    await createdDialog.getByText("Nothing: it did not exist.").waitFor();
    await s.page.keyboard.press("Escape");
    await createdDialog.waitFor({ state: "hidden" });
  });

  it("filters by flag and shows a new change after a refresh", async () => {
    await s.page.getByRole("combobox", { name: "Flag" }).fill("checkout");
    await s.page.getByRole("option", { name: "checkout-redesign" }).click();
    await s.page.getByText("3 entries shown, newest first").waitFor();
    const flagLog = (await admin("GET", "/flags/checkout-redesign/audit")).entries as Entry[];
    expect(await listedIds()).toEqual(flagLog.map((e) => e.id));

    await admin("PATCH", "/flags/checkout-redesign/environments/production", { enabled: false });
    await s.page.getByRole("button", { name: "Refresh" }).click();
    await s.page.getByText("4 entries shown, newest first").waitFor();
    const newest = (await admin("GET", "/flags/checkout-redesign/audit")).entries[0] as Entry;
    expect((await listedIds())[0]).toBe(newest.id);
    await shoot("audit-filtered");
  });

  it("logged no console errors", () => {
    expect(s.consoleErrors).toEqual([]);
  });
});
