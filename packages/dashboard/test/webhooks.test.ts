// The webhooks page: a webhook made with its events (the secret shown once), its deliveries
// to a real receiver listed with status code and latency, and one sent again.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOk, browserSession, screenshot, until } from "./support.js";

const s = browserSession({
  before: async (server) => {
    await adminOk(server.url, "POST", "/flags", { key: "hooked", type: "boolean" });
  },
});
let receiver: Server;
let url = "";
const bodies: string[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      bodies.push(body);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

describe("dashboard: webhooks", () => {
  it("makes a webhook, lists its deliveries and sends one again", async () => {
    await s.page.goto(`${s.server.url}/webhooks`);
    await s.page.getByRole("button", { name: "New webhook" }).click();
    const dialog = s.page.getByRole("dialog", { name: "New webhook" });
    await dialog.getByLabel("Name").fill("ops channel");
    await dialog.getByLabel("URL").fill(url);
    await dialog.getByRole("button", { name: "Create webhook" }).click();
    const secret = await s.page.getByRole("dialog").getByLabel("Token").inputValue();
    expect(secret).toMatch(/^whsec_/);
    await s.page.getByRole("button", { name: "Done" }).click();

    await adminOk(s.server.url, "PATCH", "/flags/hooked/environments/development", {
      enabled: true,
    });
    const deliveries = s.page.getByRole("table", { name: "Deliveries of ops channel" });
    await deliveries.getByText("delivered").waitFor({ timeout: 10_000 });
    await deliveries.getByText(/^204 · \d+ ms$/).waitFor();
    expect(JSON.parse(bodies[0] as string)).toMatchObject({
      event: "flag.changed",
      flag: "hooked",
    });
    await screenshot(s.page, "webhooks");
    await deliveries.getByRole("button", { name: "Resend" }).click();
    await until(() => bodies.length === 2, 10_000, "the delivery sent again");
    expect(bodies[1]).toBe(bodies[0]);
    await deliveries.getByText("delivered").nth(1).waitFor({ timeout: 10_000 });
    await s.page.setViewportSize({ width: 390, height: 800 });
    await screenshot(s.page, "webhooks-narrow");
    const width = (await s.page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(width).toBeLessThanOrEqual(390);
    await s.page.setViewportSize({ width: 1440, height: 900 });
    expect(s.consoleErrors).toEqual([]);
  });
});
