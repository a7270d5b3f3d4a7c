// Our own client SDK's endpoints (`/v1/`): every flag with its variant, variant id, reason and
// rule (POST /v1/sdk/flags), and a live WebSocket of the same form (/v1/sdk/connect), beside the
// FlagSync forms, which stay values only. Client keys only; browsers authenticate the WebSocket
// in its query.
import {
  evaluate,
  type FeatureFlagEnvironmentDetailDto,
  type FlagDetails,
  fromFlagSyncDetail,
} from "@flagsync-oss/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const FLAGS = "/api/v1/workspaces/default/flags";
const ORIGIN = "https://shop.example";

interface Frames {
  socket: WebSocket;
  /** Every text frame, parsed. */
  frames: Record<string, unknown>[];
  /** The next frame of a type after `from` frames, waiting up to 5 s. */
  next(type: string, from: number): Promise<Record<string, unknown>>;
}

/** Opens a WebSocket; rejects with the status of a refused upgrade. */
function openWs(url: string, headers: Record<string, string> = {}): Promise<Frames> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const frames: Record<string, unknown>[] = [];
    socket.on("message", (data) => frames.push(JSON.parse(String(data))));
    socket.once("unexpected-response", (_request, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => {
        body += chunk;
      });
      response.on("end", () => reject(new Error(`${response.statusCode} ${body}`)));
    });
    socket.once("error", reject);
    socket.once("open", () =>
      resolve({
        socket,
        frames,
        next: async (type, from) => {
          const deadline = Date.now() + 5000;
          for (;;) {
            const found = frames.slice(from).find((f) => f.type === type);
            if (found) return found;
            if (Date.now() > deadline)
              throw new Error(`no ${type} frame: ${JSON.stringify(frames)}`);
            await new Promise((r) => setTimeout(r, 5));
          }
        },
      }),
    );
  });
}

describe.each(DIALECTS)("our client SDK endpoints on %s", (dialect) => {
  let server: TestServer;
  let clientKey = "";
  let serverKey = "";
  let wsUrl = "";
  const pro = { key: "u-pro", attributes: { plan: "pro" } };

  const post = (path: string, key: string | undefined, body: unknown, origin?: string) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(key === undefined ? {} : { "x-ridgeline-key": key }),
        ...(origin ? { origin } : {}),
      },
      body: JSON.stringify(body),
    });
  const connect = (context: object, key = clientKey) =>
    openWs(
      `${wsUrl}/v1/sdk/connect?x-ridgeline-key=${encodeURIComponent(key)}&x-ridgeline-user-ctx=${encodeURIComponent(JSON.stringify(context))}`,
    );

  beforeAll(async () => {
    server = await startTestServer(dialect, { config: { heartbeatSeconds: 1 } });
    clientKey = server.keys.development?.client as string;
    serverKey = server.keys.development?.server as string;
    wsUrl = server.url.replace("http", "ws");
    await server.admin("POST", FLAGS, {
      key: "checkout",
      type: "json",
      variants: [
        { key: "old", value: { layout: "classic" } },
        { key: "new", value: { layout: "grid", columns: 3 } },
      ],
    });
    await server.admin("PATCH", `${FLAGS}/checkout/environments/development`, {
      enabled: true,
      seed: "seed-abc",
      rules: [
        {
          variant: "new",
          clauses: [
            { attribute: "CUSTOM", customAttribute: "plan", operator: "IOO", values: ["pro"] },
          ],
        },
      ],
      rollout: [
        { variant: "old", percentage: 80 },
        { variant: "new", percentage: 20 },
      ],
    });
    await server.admin("POST", FLAGS, { key: "dark-mode", type: "boolean" });
  });
  afterAll(() => server?.stop());

  it("POST /v1/sdk/flags: every flag's details, the values /sdk/flags gives, core's variants", async () => {
    const rules = (await (
      await fetch(`${server.url}/sdk/rules`, { headers: { "x-ridgeline-key": serverKey } })
    ).json()) as { flags: Record<string, FeatureFlagEnvironmentDetailDto> };
    for (const context of [pro, { key: "user-qa-1" }, { key: "user-dev-2", attributes: {} }]) {
      const answer = await post("/v1/sdk/flags", clientKey, { context });
      expect(answer.status).toBe(200);
      const { flags } = (await answer.json()) as { flags: Record<string, FlagDetails> };
      const legacyAnswer = await post("/sdk/flags", clientKey, { context });
      const legacyText = await legacyAnswer.text();
      const legacy = JSON.parse(legacyText) as { flags: Record<string, unknown> };
      // FlagSync's form, byte for byte what serialising the values gives.
      expect(legacyAnswer.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const values = Object.fromEntries(
        Object.entries(rules.flags).map(([key, rule]) => [
          key,
          evaluate(fromFlagSyncDetail(rule), context).value,
        ]),
      );
      const echoed = { key: context.key, attributes: context.attributes ?? {} };
      expect(legacyText).toBe(JSON.stringify({ flags: values, context: echoed }));
      expect(Object.keys(flags).sort()).toEqual(["checkout", "dark-mode"]);
      for (const [key, details] of Object.entries(flags)) {
        const want = evaluate(
          fromFlagSyncDetail(rules.flags[key] as FeatureFlagEnvironmentDetailDto),
          context,
        );
        expect(details).toEqual({
          value: want.value,
          variant: want.variantKey ?? null,
          variantId: want.variantId ?? null,
          reason: want.reason,
          ruleId: want.ruleId ?? null,
          errorCode: want.errorCode ?? null,
        });
        expect(details.value).toEqual(legacy.flags[key]);
      }
    }
    const { flags } = (await (await post("/v1/sdk/flags", clientKey, { context: pro })).json()) as {
      flags: Record<string, FlagDetails>;
    };
    expect(flags.checkout).toMatchObject({ variant: "new", reason: "TARGETING_MATCH" });
    expect(flags["dark-mode"]).toMatchObject({ value: false, reason: "DISABLED" });
  });

  it("POST /v1/sdk/flags: refuses no key, a wrong key, a server key and a bad context", async () => {
    const refused = async (key: string | undefined, message: string) => {
      const answer = await post("/v1/sdk/flags", key, { context: pro });
      expect(answer.status).toBe(401);
      expect(await answer.json()).toEqual({
        statusCode: 401,
        errorCode: "INVALID_SDK_KEY",
        message,
        path: "/v1/sdk/flags",
      });
    };
    await refused(undefined, "Send the SDK key in the x-ridgeline-key header");
    await refused("fs_client_unknownunknownunknownunknown00", "Invalid SDK key");
    await refused(
      serverKey,
      "This endpoint needs a client SDK key; never ship a server key to browsers",
    );
    const noContext = await post("/v1/sdk/flags", clientKey, {});
    expect(noContext.status).toBe(400);
    expect(await noContext.json()).toMatchObject({ errorCode: "USER_CONTEXT_NOT_FOUND" });
  });

  it("answers CORS preflights of the /v1/ client paths with the exact origin", async () => {
    for (const path of [
      "/v1/sdk/flags",
      "/v1/track/impressions/client",
      "/v1/track/events/client",
    ]) {
      const preflight = await fetch(`${server.url}${path}`, {
        method: "OPTIONS",
        headers: {
          origin: ORIGIN,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type,x-ridgeline-key",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe(ORIGIN);
      expect(preflight.headers.get("access-control-allow-credentials")).toBe("true");
      expect(preflight.headers.get("access-control-allow-headers")).toContain("x-ridgeline-key");
    }
    const answer = await post("/v1/sdk/flags", clientKey, { context: pro }, ORIGIN);
    expect(answer.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    // A refusal is readable by the page too.
    const refused = await post("/v1/sdk/flags", "wrong", { context: pro }, ORIGIN);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(ORIGIN);
  });

  it("/v1/sdk/connect: a full snapshot of details, pings, then only changes; a removed flag is null", async () => {
    const ours = await connect(pro);
    const theirs = await openWs(
      `${wsUrl}/sdk/connect?x-ridgeline-key=${clientKey}&x-ridgeline-user-ctx=${encodeURIComponent(JSON.stringify(pro))}`,
    );
    try {
      const first = ours.frames[0] ?? (await ours.next("flagUpdate", 0));
      const snapshot = (await (
        await post("/v1/sdk/flags", clientKey, { context: pro })
      ).json()) as {
        flags: unknown;
      };
      expect(first).toEqual({ type: "flagUpdate", flags: snapshot.flags });
      // A ping at once (with the interval), then one per heartbeat.
      expect(await ours.next("ping", 1)).toEqual({ type: "ping", intervalMs: 1000 });
      // FlagSync's stream is unchanged: values only, and no text pings.
      expect(await theirs.next("flagUpdate", 0)).toEqual({
        type: "flagUpdate",
        flags: { checkout: { layout: "grid", columns: 3 }, "dark-mode": false },
      });

      await server.admin("POST", FLAGS, {
        key: "banner",
        type: "string",
        variants: [
          { key: "a", value: "A" },
          { key: "b", value: "B" },
        ],
      });
      let from = ours.frames.length;
      expect(await ours.next("flagUpdate", from)).toEqual({
        type: "flagUpdate",
        flags: {
          banner: {
            value: expect.any(String),
            variant: expect.any(String),
            variantId: expect.any(Number),
            reason: "DISABLED",
            ruleId: null,
            errorCode: null,
          },
        },
      });
      from = ours.frames.length;
      const theirsFrom = theirs.frames.length;
      await server.admin("POST", `${FLAGS}/banner/archive`);
      expect(await ours.next("flagUpdate", from)).toEqual({
        type: "flagUpdate",
        flags: { banner: null },
      });
      // FlagSync's SDKs cannot drop a flag: they get its value when disabled.
      const legacy = await theirs.next("flagUpdate", theirsFrom);
      expect(Object.keys(legacy.flags as object)).toEqual(["banner"]);
      expect(typeof (legacy.flags as { banner: unknown }).banner).toBe("string");

      // One ping per heartbeat (a second here).
      const pings = ours.frames.filter((f) => f.type === "ping").length;
      await ours.next("ping", ours.frames.length);
      expect(ours.frames.filter((f) => f.type === "ping").length).toBeGreaterThan(pings);
      expect(theirs.frames.every((f) => f.type === "flagUpdate")).toBe(true);
    } finally {
      ours.socket.close(1000);
      theirs.socket.close(1000);
    }
  });

  it("/v1/sdk/connect: refuses no key, a wrong key, a server key (query or header), a bad context", async () => {
    const context = encodeURIComponent(JSON.stringify(pro));
    await expect(openWs(`${wsUrl}/v1/sdk/connect?x-ridgeline-user-ctx=${context}`)).rejects.toThrow(
      /^401 .*INVALID_SDK_KEY/,
    );
    await expect(connect(pro, "fs_client_unknownunknownunknownunknown00")).rejects.toThrow(
      /^401 .*Invalid SDK key/,
    );
    await expect(connect(pro, serverKey)).rejects.toThrow(/^401 .*INVALID_SDK_KEY/);
    await expect(
      openWs(`${wsUrl}/v1/sdk/connect?x-ridgeline-user-ctx=${context}`, {
        "x-ridgeline-key": serverKey,
      }),
    ).rejects.toThrow(/^401 .*needs a client SDK key/);
    await expect(connect({ attributes: {} })).rejects.toThrow(/^400 .*USER_CONTEXT_NOT_FOUND/);
    // Nothing was left registered by the refusals.
    expect(server.hub.counts().clients).toBe(0);
  });

  it("/v1/track/*/client: refuse a server key", async () => {
    for (const [path, body] of [
      ["/v1/track/events/client", { context: pro, events: [] }],
      ["/v1/track/impressions/client", { context: pro, impressions: [] }],
    ] as const) {
      const answer = await post(path, serverKey, body);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ errorCode: "INVALID_SDK_KEY", path });
    }
  });
});
