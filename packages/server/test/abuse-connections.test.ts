// Abusive connections must not slow down legitimate clients or hold the server: slow-header
// connections are cut after the header timeout, one address cannot open streams without end,
// nor one key, and connections over the global cap are closed as they arrive. While the abuse
// runs, a probe measures /healthz and a legitimate SDK's tracking request.
import { fork } from "node:child_process";
import { get, type IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import { setPriority } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../src/config.js";
import { DIALECTS } from "./support/databases.js";
import { legitimateClient, p99, probeDuring } from "./support/latency-probe.js";
import { openSse, type SseClient } from "./support/sse-client.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const SLOW_CLIENTS = new URL("./support/slow-clients.mjs", import.meta.url);

/** Slow-header clients in a child process (lowest CPU priority: an attacker's machine is not ours). */
function slowClients(
  port: number,
  connections: number,
): Promise<{ lifetimes: number[]; stillOpen: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(SLOW_CLIENTS, [
      JSON.stringify({ port, connections, intervalMs: 500, giveUpMs: 15_000 }),
    ]);
    if (child.pid !== undefined) setPriority(child.pid, 19);
    child.once("message", (result) =>
      resolve(result as { lifetimes: number[]; stillOpen: number }),
    );
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`slow clients ended with ${code}`)));
  });
}

// A latency figure on a shared two-core machine can meet another test's busiest second: a
// scenario that misses the bound is run once more before it fails.
describe.each(DIALECTS)("abusive connections on %s", (dialect) => {
  let server: TestServer;
  let serverKey: string;
  const client = () => legitimateClient(server.url, serverKey);
  const config: Partial<Config> = {
    headerTimeoutSeconds: 2,
    maxStreamsPerAddress: 20,
    maxStreamsPerKey: 30,
    trustProxy: true,
  };

  const stream = (address: string, key = serverKey) =>
    openSse(`${server.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": key,
      "x-forwarded-for": address,
    });

  beforeAll(async () => {
    server = await startTestServer(dialect, { config });
    serverKey = server.keys.development?.server as string;
    expect(await client().track()).toBe(200);
    expect(await client().healthz()).toBe(200);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("cuts slow-header connections after the header timeout, and legitimate clients stay fast", {
    timeout: 30_000,
    retry: 1,
  }, async () => {
    const port = Number(new URL(server.url).port);
    const running = slowClients(port, 300);
    const { latencies, failures } = await probeDuring(client(), running);
    const { lifetimes, stillOpen } = await running;
    expect(stillOpen).toBe(0);
    expect(lifetimes).toHaveLength(300);
    // Cut within the timeout (2 s) and the check interval (1 s), not after a minute.
    expect(Math.max(...lifetimes)).toBeLessThan(4500);
    expect(Math.min(...lifetimes)).toBeGreaterThanOrEqual(1500);
    expect(failures).toEqual([]);
    if (process.env.ABUSE_REPORT)
      console.log(
        `slow headers (${dialect}): healthz p99 ${p99(latencies.healthz).toFixed(1)} ms over ${latencies.healthz.length}, track p99 ${p99(latencies.track).toFixed(1)} ms over ${latencies.track.length}`,
      );
    expect(p99(latencies.healthz)).toBeLessThan(50);
    expect(p99(latencies.track)).toBeLessThan(50);
  });

  it("caps the streams of one address and of one key, and frees a slot when a stream ends", {
    timeout: 30_000,
    retry: 1,
  }, async () => {
    const streams: SseClient[] = [];
    try {
      const running = (async () => {
        // One address takes its 20 streams; the 21st is refused, with the protocol's body.
        for (let i = 0; i < 20; i++) {
          const sse = await stream("203.0.113.7");
          streams.push(sse);
          expect(sse.status).toBe(200);
        }
        // Refused as the SDKs understand it (any status but 200 would stop them for good):
        // 200, a comment saying why, a retry hint of a minute, and the end of the stream.
        const refused = await fetch(`${server.url}/sse/sdk-updates/server`, {
          headers: { "x-ridgeline-key": serverKey, "x-forwarded-for": "203.0.113.7" },
        });
        expect(refused.status).toBe(200);
        const told = await refused.text();
        expect(told).toContain("holds 20 open streams already");
        expect(told).toContain("retry: 60000");
        expect(told).not.toContain("data:");
        // Other addresses still get streams, until the key holds its 30.
        for (let i = 0; i < 10; i++) {
          const sse = await stream(`198.51.100.${i + 1}`);
          streams.push(sse);
          expect(sse.status).toBe(200);
        }
        const keyFull = await fetch(`${server.url}/sse/sdk-updates/server`, {
          headers: { "x-ridgeline-key": serverKey, "x-forwarded-for": "192.0.2.1" },
        });
        expect(await keyFull.text()).toMatch(/holds 30 open streams already[\s\S]*retry: 60000/);
        // The WebSocket counts against the same caps, and is refused before the upgrade (the
        // SDKs try a refused upgrade again after 5 s).
        const upgrade = await rawUpgrade(server.url, serverKey, "192.0.2.1");
        expect(upgrade).toMatch(/^HTTP\/1\.1 429/);
        // A stream that ends gives its slot back: the next one gets the flags.
        streams.pop()?.close();
        const deadline = Date.now() + 3000;
        let again = await stream("192.0.2.1");
        while (Date.now() < deadline) {
          const served = await again.message(1, 500).then(
            () => true,
            () => false,
          );
          if (served) break;
          again.close();
          again = await stream("192.0.2.1");
        }
        expect(again.messages.length).toBeGreaterThan(0);
        streams.push(again);
        // The server holds its 30 streams while the probe goes on.
        await new Promise((resolve) => setTimeout(resolve, 2000));
      })();
      const { latencies, failures } = await probeDuring(client(), running);
      await running;
      expect(failures).toEqual([]);
      if (process.env.ABUSE_REPORT)
        console.log(
          `stream caps (${dialect}): healthz p99 ${p99(latencies.healthz).toFixed(1)} ms over ${latencies.healthz.length}, track p99 ${p99(latencies.track).toFixed(1)} ms over ${latencies.track.length}`,
        );
      expect(p99(latencies.healthz)).toBeLessThan(50);
      expect(p99(latencies.track)).toBeLessThan(50);
    } finally {
      for (const sse of streams) sse.close();
    }
  });

  it("refuses a server key in the WebSocket URL; takes it in the header, and a client key in the URL", async () => {
    const clientKey = server.keys.development?.client as string;
    const inQuery = await rawUpgrade(server.url, serverKey, "192.0.2.50", "query");
    expect(inQuery).toMatch(/^HTTP\/1\.1 401/);
    expect(inQuery).toContain("never in the URL");
    expect(await rawUpgrade(server.url, serverKey, "192.0.2.51", "header")).toMatch(
      /^HTTP\/1\.1 101/,
    );
    expect(await rawUpgrade(server.url, clientKey, "192.0.2.52", "query")).toMatch(
      /^HTTP\/1\.1 101/,
    );
  });

  it("sends security headers on API answers and on the dashboard", async () => {
    const api = await fetch(`${server.url}/api/v1/workspaces`, {
      headers: { authorization: "Bearer nope" },
    });
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("referrer-policy")).toBe("no-referrer");
    expect(api.headers.get("x-frame-options")).toBe("DENY");
    expect(api.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    const page = await fetch(`${server.url}/`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    // A revalidated page keeps the dashboard's policy (a browser takes a 304's headers).
    const validator = page.headers.get("etag");
    expect(validator).toBeTruthy();
    const again = await new Promise<IncomingMessage>((resolve, reject) =>
      get(
        `${server.url}/`,
        { headers: { accept: "text/html", "if-none-match": validator as string } },
        (response) => resolve(response.resume()),
      ).on("error", reject),
    );
    expect(again.statusCode).toBe(304);
    expect(again.headers["content-security-policy"]).toBe(csp);
  });
});

describe("the global connection cap", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { config: { maxConnections: 40 } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("closes connections over the cap as they arrive, and serves again once they go", async () => {
    const port = Number(new URL(server.url).port);
    const held: Socket[] = [];
    const open = () =>
      new Promise<Socket>((resolve) => {
        const socket = connect(port, "127.0.0.1", () => resolve(socket));
        socket.on("error", () => {});
      });
    for (let i = 0; i < 40; i++) held.push(await open());
    const over = await open();
    const closed = await new Promise<boolean>((resolve) => {
      over.once("close", () => resolve(true));
      over.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
      setTimeout(() => resolve(false), 2000);
    });
    expect(closed).toBe(true);
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

/** Sends a WebSocket upgrade by hand; resolves with the first line and body of the answer. */
function rawUpgrade(
  url: string,
  key: string,
  address: string,
  via: "header" | "query" = "header",
): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1");
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString();
      if (answer.includes("\r\n\r\n")) {
        const done = answer.startsWith("HTTP/1.1 101") || answer.includes("}");
        if (done) {
          socket.destroy();
          resolve(answer);
        }
      }
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(answer));
    const context = encodeURIComponent(JSON.stringify({ key: "ws-user" }));
    const path =
      via === "query"
        ? `/sdk/connect?x-ridgeline-key=${encodeURIComponent(key)}&x-ridgeline-user-ctx=${context}`
        : "/sdk/connect";
    socket.write(
      [
        `GET ${path} HTTP/1.1`,
        "Host: localhost",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Version: 13",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        `X-Forwarded-For: ${address}`,
        ...(via === "header" ? [`x-ridgeline-key: ${key}`] : []),
        "",
        "",
      ].join("\r\n"),
    );
  });
}
