import {
  evaluate,
  type FeatureFlagEnvironmentDetailDto,
  fromFlagSyncDetail,
} from "@flagsync-oss/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DIALECTS } from "./support/databases.js";
import { openSse } from "./support/sse-client.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

type DetailMap = Record<string, FeatureFlagEnvironmentDetailDto>;

function openWs(
  url: string,
  headers: Record<string, string> = {},
): Promise<{
  socket: WebSocket;
  frames: string[];
  next(n: number, timeoutMs?: number): Promise<string>;
}> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const frames: string[] = [];
    socket.on("message", (data) => frames.push(String(data)));
    socket.once("unexpected-response", (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    );
    socket.once("error", reject);
    socket.once("open", () =>
      resolve({
        socket,
        frames,
        next: (n, timeoutMs = 2000) =>
          new Promise((done, fail) => {
            const started = Date.now();
            const poll = () => {
              if (frames.length >= n) return done(frames[n - 1] as string);
              if (Date.now() - started > timeoutMs)
                return fail(new Error(`no frame #${n} within ${timeoutMs} ms`));
              setTimeout(poll, 10);
            };
            poll();
          }),
      }),
    );
  });
}

describe.each(DIALECTS)("SDK streams on %s", (dialect) => {
  let server: TestServer;
  const flagPath = "/api/v1/workspaces/default/flags/stream-flag/environments/development";

  beforeAll(async () => {
    server = await startTestServer(dialect, { config: { heartbeatSeconds: 1 } });
    await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: "stream-flag",
      type: "string",
      variants: [
        { key: "a", value: "A" },
        { key: "b", value: "B" },
        { key: "off", value: "OFF" },
      ],
      onVariant: "a",
      offVariant: "off",
    });
    await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: "other-flag",
      type: "boolean",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("server SSE: a full snapshot first, then only the changed flag, within a second", async () => {
    const sse = await openSse(`${server.url}/sse/sdk-updates/server?timestamp=1`, {
      "x-ridgeline-key": server.keys.development?.server as string,
      "x-ridgeline-sdk-ctx": JSON.stringify({ sdkName: "@flagsync/node-sdk", sdkVersion: "0.1.0" }),
    });
    expect(sse.status).toBe(200);
    expect(sse.headers.get("content-type")).toContain("text/event-stream");
    const snapshot = JSON.parse(await sse.message(1)) as DetailMap;
    expect(Object.keys(snapshot).sort()).toEqual(["other-flag", "stream-flag"]);
    expect(snapshot["stream-flag"]?.state.isEnabled).toBe(false);

    const started = Date.now();
    await server.admin("PATCH", flagPath, { enabled: true });
    const update = JSON.parse(await sse.message(2, 1000)) as DetailMap;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(Object.keys(update)).toEqual(["stream-flag"]);
    expect(update["stream-flag"]?.state.isEnabled).toBe(true);
    sse.close();
  });

  it("client SSE: values evaluated for the connection's own user", async () => {
    const connect = (key: string, email: string) =>
      openSse(`${server.url}/sse/sdk-updates/client?timestamp=1`, {
        "x-ridgeline-key": server.keys.development?.client as string,
        "x-ridgeline-user-ctx": JSON.stringify({ key, attributes: { email } }),
        origin: "http://app.example",
      });
    const staff = await connect("u-1", "ann@corp.com");
    const guest = await connect("u-2", "bob@gmail.com");
    expect(staff.headers.get("access-control-allow-origin")).toBe("http://app.example");
    expect(staff.headers.get("access-control-allow-credentials")).toBe("true");
    expect(JSON.parse(await staff.message(1))).toEqual({ "stream-flag": "A", "other-flag": false });

    await server.admin("PATCH", flagPath, {
      rules: [
        { variant: "b", clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@corp.com"] }] },
      ],
    });
    expect(JSON.parse(await staff.message(2, 1000))).toEqual({ "stream-flag": "B" });
    expect(JSON.parse(await guest.message(2, 1000))).toEqual({ "stream-flag": "A" });
    staff.close();
    guest.close();
  });

  it("WebSocket: server SDKs by header, browsers by query, flagUpdate frames", async () => {
    const wsUrl = server.url.replace("http", "ws");
    const serverWs = await openWs(`${wsUrl}/sdk/connect`, {
      "x-ridgeline-key": server.keys.development?.server as string,
      "x-ridgeline-sdk-ctx": JSON.stringify({ sdkName: "@flagsync/node-sdk", sdkVersion: "0.8.3" }),
    });
    const context = encodeURIComponent(
      JSON.stringify({ key: "u-9", attributes: { email: "z@corp.com" } }),
    );
    const clientWs = await openWs(
      `${wsUrl}/worker/sdk/connect?x-ridgeline-key=${server.keys.development?.client}&x-ridgeline-user-ctx=${context}`,
    );
    const first = JSON.parse(await serverWs.next(1)) as { type: string; flags: DetailMap };
    expect(first.type).toBe("flagUpdate");
    expect(Object.keys(first.flags).sort()).toEqual(["other-flag", "stream-flag"]);
    expect(JSON.parse(await clientWs.next(1))).toEqual({
      type: "flagUpdate",
      flags: { "stream-flag": "B", "other-flag": false },
    });

    await server.admin("PATCH", flagPath, { onVariant: "off", rules: [] });
    const update = JSON.parse(await serverWs.next(2, 1000)) as { type: string; flags: DetailMap };
    const flag = fromFlagSyncDetail(update.flags["stream-flag"] as FeatureFlagEnvironmentDetailDto);
    expect(evaluate(flag, { key: "anyone" }).value).toBe("OFF");
    expect(JSON.parse(await clientWs.next(2, 1000))).toEqual({
      type: "flagUpdate",
      flags: { "stream-flag": "OFF" },
    });
    serverWs.socket.close(1000);
    clientWs.socket.close(1000);
  });

  it("sends an archived flag as disabled, since SDKs cannot drop a flag", async () => {
    await server.admin("PATCH", flagPath, { onVariant: "a", enabled: true });
    const sse = await openSse(`${server.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": server.keys.development?.server as string,
    });
    await sse.message(1);
    await server.admin("POST", "/api/v1/workspaces/default/flags/stream-flag/archive");
    // The earlier change may still be on its way; the archive is the last word.
    const deadline = Date.now() + 1000;
    const last = () =>
      sse.messages.length > 1
        ? (JSON.parse(sse.messages.at(-1) as string) as DetailMap)
        : undefined;
    while (last()?.["stream-flag"]?.state.isEnabled !== false && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(last()?.["stream-flag"]?.state.isEnabled).toBe(false);
    const rules = (await (
      await fetch(`${server.url}/sdk/rules`, {
        headers: { "x-ridgeline-key": server.keys.development?.server as string },
      })
    ).json()) as { flags: DetailMap };
    expect(Object.keys(rules.flags)).toEqual(["other-flag"]);
    await server.admin("POST", "/api/v1/workspaces/default/flags/stream-flag/restore");
    sse.close();
  });

  it("refuses the wrong kind of key on streams", async () => {
    const clientOnServer = await openSse(`${server.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": server.keys.development?.client as string,
    });
    expect(clientOnServer.status).toBe(401);
    const serverOnClient = await openSse(`${server.url}/sse/sdk-updates/client`, {
      "x-ridgeline-key": server.keys.development?.server as string,
      "x-ridgeline-user-ctx": JSON.stringify({ key: "u" }),
    });
    expect(serverOnClient.status).toBe(401);
    await expect(
      openWs(`${server.url.replace("http", "ws")}/sdk/connect?x-ridgeline-key=nope`),
    ).rejects.toThrow(/401/);
  });

  it("sends keep-alive comments and forgets streams whose client went away", async () => {
    const sse = await openSse(`${server.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": server.keys.development?.server as string,
    });
    await sse.message(1);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(sse.comments).toContain("ping");
    expect(server.hub.counts().servers).toBeGreaterThanOrEqual(1);
    sse.close();
    const deadline = Date.now() + 2000;
    while (server.hub.counts().servers > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.hub.counts()).toEqual({ servers: 0, clients: 0 });
  });

  it("closes the streams of a key when it is revoked", async () => {
    const created = await server.admin(
      "POST",
      "/api/v1/workspaces/default/environments/development/sdk-keys",
      { kind: "server" },
    );
    const sse = await openSse(`${server.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": created.body.secret,
    });
    await sse.message(1);
    expect(sse.isClosed()).toBe(false);
    await server.admin(
      "DELETE",
      `/api/v1/workspaces/default/environments/development/sdk-keys/${created.body.id}`,
    );
    const deadline = Date.now() + 1000;
    while (!sse.isClosed() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(sse.isClosed()).toBe(true);
  });

  it("pushes a change in one environment only to that environment's streams", async () => {
    const production = await openSse(`${server.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": server.keys.production?.server as string,
    });
    await production.message(1);
    await server.admin(
      "PATCH",
      "/api/v1/workspaces/default/flags/other-flag/environments/development",
      { enabled: true },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(production.messages).toHaveLength(1);
    await server.admin(
      "PATCH",
      "/api/v1/workspaces/default/flags/other-flag/environments/production",
      { enabled: true },
    );
    expect(Object.keys(JSON.parse(await production.message(2, 1000)))).toEqual(["other-flag"]);
    production.close();
  });
});
