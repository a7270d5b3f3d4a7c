import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DIALECTS } from "./support/databases.js";
import {
  ADMIN_TOKEN,
  startTestServer,
  type TestServer,
  testConfig,
} from "./support/test-server.js";

describe("JSON logs", () => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    server = await startTestServer("sqlite", { config: { logLevel: "debug" }, logStream: stream });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("log every request as JSON and never a secret, even one sent in a query string", async () => {
    const serverKey = server.keys.development?.server as string;
    const clientKey = server.keys.development?.client as string;
    await fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": serverKey } });
    await server.admin("GET", "/api/v1/workspaces");
    const context = encodeURIComponent(JSON.stringify({ key: "u" }));
    const socket = new WebSocket(
      `${server.url.replace("http", "ws")}/sdk/connect?x-ridgeline-key=${clientKey}&x-ridgeline-user-ctx=${context}`,
    );
    await new Promise((resolve) => socket.once("message", resolve));
    socket.close(1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const all = lines.join("\n");
    expect(all).toContain("/sdk/rules");
    expect(all).toContain("/sdk/connect");
    expect(all).not.toContain(serverKey);
    expect(all).not.toContain(clientKey);
    expect(all).not.toContain(ADMIN_TOKEN);
  });
});

describe.each(DIALECTS)("log volume on %s", (dialect) => {
  it("logs one line per answered request, and counts refused requests in one line instead", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    const server = await startTestServer(dialect, {
      config: {
        logLevel: "info",
        rateLimits: { ...testConfig().rateLimits, refusedBurst: 20, refusedPerSecond: 1 },
      },
      logStream: stream,
    });
    lines.length = 0; // the start-up lines
    // Background jobs (retention runs at start) log lines of their own, with their job's name.
    const requestLines = () =>
      lines.map((line) => JSON.parse(line)).filter((entry) => entry.job === undefined);
    try {
      const serverKey = server.keys.development?.server as string;
      expect(
        (await fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": serverKey } }))
          .status,
      ).toBe(200);
      expect((await server.admin("GET", "/api/v1/workspaces")).status).toBe(200);
      const answered = requestLines();
      expect(answered.map((entry) => [entry.msg, entry.req?.url, entry.res?.statusCode])).toEqual([
        ["request completed", "/sdk/rules", 200],
        ["request completed", "/api/v1/workspaces", 200],
      ]);
      expect(answered[0].responseTime).toBeGreaterThan(0);

      // Anonymous, wrong token, unknown key, then over the address's budget: no line each.
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++)
        statuses.push((await fetch(`${server.url}/api/v1/workspaces`)).status);
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await fetch(`${server.url}/api/v1/workspaces`, {
              headers: { authorization: "Bearer fs_admin_wrong-0123456789abcdefghijklmnop" },
            })
          ).status,
        );
      for (let i = 0; i < 10; i++)
        statuses.push(
          (
            await fetch(`${server.url}/sdk/rules`, {
              headers: { "x-ridgeline-key": `fs_server_x${i}` },
            })
          ).status,
        );
      expect(statuses.filter((s) => s === 401)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(5);
      expect(requestLines()).toHaveLength(2);
    } finally {
      await server.stop();
    }
    const refused = requestLines().filter((e) => e.msg === "requests refused");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      level: 40,
      total: 25,
      refused: {
        admin_token_missing: 10,
        admin_token_invalid: 5,
        sdk_key_invalid: 5,
        refused_too_often: 5,
      },
    });
  });
});
