// Webhooks against a real receiver: deliveries are signed as documented (HMAC-SHA256 over
// "<t>.<body>"), retried until a 2xx answer with exactly one success recorded, sent again on
// request, in JSON or Slack's format; and a receiver that hangs delays no SDK stream.
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { openSse } from "./support/sse-client.js";
import { startTestServer, type TestServer, testConfig } from "./support/test-server.js";

const WS = "/api/v1/workspaces/default";

/** The README's webhook signature check (its one `js` block with `verified`), as a module. */
async function readmeVerifier(): Promise<{
  verified: (header: string, body: string, secret: string) => boolean;
}> {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const block = [...readme.matchAll(/```js\n([\s\S]*?)```/g)]
    .map((m) => m[1] as string)
    .find((code) => code.includes("export function verified"));
  if (!block) throw new Error("the README has no webhook signature check");
  const file = join(mkdtempSync(join(tmpdir(), "flagsync-readme-")), "verify.mjs");
  writeFileSync(file, block);
  return import(pathToFileURL(file).href);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  at: number;
}

describe.each(DIALECTS)("webhooks on %s", (dialect) => {
  let server: TestServer;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  const flakyCalls = new Map<string, number>();
  const hanging: IncomingMessage[] = [];

  const hook = async (name: string, path: string, events: string[], format = "json") => {
    const made = await server.admin("POST", `${WS}/webhooks`, {
      name,
      url: `${base}${path}`,
      events,
      format,
    });
    expect(made.status).toBe(201);
    return made.body as { id: number; secret: string };
  };
  const until = async (check: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error("timed out");
      await sleep(20);
    }
  };

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const path = request.url ?? "";
        if (path === "/hang") {
          hanging.push(request);
          return; // never answers
        }
        received.push({ path, headers: request.headers, body, at: Date.now() });
        if (path === "/flaky") {
          const delivery = String(request.headers["x-flagsync-delivery"]);
          const calls = (flakyCalls.get(delivery) ?? 0) + 1;
          flakyCalls.set(delivery, calls);
          response.writeHead(calls <= 2 ? 503 : 200).end();
          return;
        }
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    server = await startTestServer(dialect, {
      config: { webhooks: { ...testConfig().webhooks, retryBaseMs: 100, timeoutMs: 2000 } },
    });
  });
  afterAll(async () => {
    await server?.stop();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it("signs each delivery so that the documented check verifies it", async () => {
    const { secret } = await hook("ok", "/ok", ["flag.created", "flag.changed"]);
    expect(secret).toMatch(/^whsec_/);
    // Listed without its secret.
    const listed = await server.admin("GET", `${WS}/webhooks`);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    await server.admin("POST", `${WS}/flags`, { key: "signed", type: "boolean" });
    await until(() => received.some((r) => r.path === "/ok"));
    const delivery = received.find((r) => r.path === "/ok") as Received;
    const header = String(delivery.headers["x-flagsync-signature"]);
    // The README's receiver check, run as written.
    const { verified } = await readmeVerifier();
    expect(verified(header, delivery.body, secret)).toBe(true);
    expect(verified(header, delivery.body, "whsec_another")).toBe(false);
    expect(verified(header, `${delivery.body} `, secret)).toBe(false);
    // And independently: HMAC-SHA256 over "<t>.<body>", t within five minutes.
    const parts = Object.fromEntries(
      header.split(",").map((p) => p.split("=") as [string, string]),
    );
    expect(parts.v1).toBe(
      createHmac("sha256", secret).update(`${parts.t}.${delivery.body}`).digest("hex"),
    );
    expect(Math.abs(Date.now() / 1000 - Number(parts.t))).toBeLessThan(300);
    expect(delivery.headers["x-flagsync-event"]).toBe("flag.created");
    expect(JSON.parse(delivery.body)).toMatchObject({
      event: "flag.created",
      workspace: "default",
      actor: "FLAGSYNC_ADMIN_TOKEN",
      resource: { type: "flag", key: "signed" },
      flag: "signed",
    });
  });

  it("retries a receiver that fails twice: one success is recorded, after two failures", async () => {
    const { id } = await hook("flaky", "/flaky", ["flag.changed"]);
    await server.admin("PATCH", `${WS}/flags/signed/environments/development`, { enabled: true });
    let deliveries: { status: string; attempts: { statusCode: number }[] }[] = [];
    await until(() => flakyCalls.size > 0 && [...flakyCalls.values()][0] === 3);
    for (let i = 0; i < 50; i++) {
      deliveries = (await server.admin("GET", `${WS}/webhooks/${id}/deliveries`)).body;
      if (deliveries[0]?.status === "delivered") break;
      await sleep(50);
    }
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.status).toBe("delivered");
    expect(deliveries[0]?.attempts.map((a) => a.statusCode)).toEqual([503, 503, 200]);
    await sleep(500);
    expect([...flakyCalls.values()]).toEqual([3]);
    expect(received.filter((r) => r.path === "/flaky")).toHaveLength(3);
  });

  it("sends a delivery again on request, and speaks Slack's format", async () => {
    const { id } = await hook("slack", "/slack", ["flag.changed"], "slack");
    await server.admin("PATCH", `${WS}/flags/signed/environments/development`, { enabled: false });
    await until(() => received.some((r) => r.path === "/slack"));
    const first = received.filter((r) => r.path === "/slack")[0] as Received;
    expect(JSON.parse(first.body)).toEqual({
      text: "[default] flag changed: signed in development by FLAGSYNC_ADMIN_TOKEN",
    });
    const deliveries = (await server.admin("GET", `${WS}/webhooks/${id}/deliveries`)).body;
    const again = await server.admin(
      "POST",
      `${WS}/webhooks/${id}/deliveries/${deliveries[0].id}/resend`,
    );
    expect(again.status).toBe(201);
    await until(() => received.filter((r) => r.path === "/slack").length === 2);
    expect(received.filter((r) => r.path === "/slack")[1]?.body).toBe(first.body);
  });

  it("reports a scheduled change's outcome", async () => {
    await hook("schedules", "/schedules", ["schedule.applied", "schedule.failed"]);
    await server.admin("POST", `${WS}/flags/signed/environments/development/schedules`, {
      steps: [{ at: new Date(Date.now() + 400).toISOString(), change: { enabled: true } }],
    });
    await until(() => received.some((r) => r.path === "/schedules"));
    const body = JSON.parse((received.find((r) => r.path === "/schedules") as Received).body);
    expect(body).toMatchObject({
      event: "schedule.applied",
      flag: "signed",
      environment: "development",
      resource: { type: "schedule" },
    });
  });

  it("lets a receiver that hangs delay no flag change on its way to SDKs", async () => {
    await hook("hangs", "/hang", ["flag.changed"]);
    await server.admin("POST", `${WS}/flags`, { key: "fast", type: "boolean" });
    const sse = await openSse(`${server.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": server.keys.development?.server as string,
    });
    await sse.message(1);
    const lags: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const patched = await server.admin("PATCH", `${WS}/flags/fast/environments/development`, {
        enabled: i % 2 === 0,
      });
      expect(patched.status).toBe(200);
      await sse.message(i + 2, 2000);
      lags.push(performance.now() - started);
    }
    sse.close();
    await until(() => hanging.length >= 1);
    console.log(
      `change → SDK stream with a hanging webhook receiver: ${lags.map((l) => l.toFixed(1)).join(", ")} ms`,
    );
    expect(Math.max(...lags)).toBeLessThan(250);
  });
});
