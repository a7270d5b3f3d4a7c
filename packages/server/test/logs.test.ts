import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

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
