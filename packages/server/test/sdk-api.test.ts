// The FlagSync wire protocol checklist (protocol doc §9), request by request.
import {
  evaluate,
  type FeatureFlagEnvironmentDetailDto,
  fromFlagSyncDetail,
} from "@flagsync-oss/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const SDK_CONTEXT = { sdkName: "@flagsync/node-sdk", sdkVersion: "0.1.0" };
/** A timestamp inside the retention window whenever the suite runs. */
const RECENT = new Date(Date.now() - 60_000).toISOString();

describe.each(DIALECTS)("FlagSync SDK API on %s", (dialect) => {
  let server: TestServer;
  let serverKey: string;
  let clientKey: string;
  const call = (
    method: string,
    path: string,
    key: string | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(key ? { "x-ridgeline-key": key } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });

  beforeAll(async () => {
    server = await startTestServer(dialect);
    serverKey = server.keys.development?.server as string;
    clientKey = server.keys.development?.client as string;
    await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: "checkout",
      type: "json",
      variants: [
        { key: "old", value: { layout: "classic" } },
        { key: "new", value: { layout: "grid", columns: 3 } },
      ],
    });
    await server.admin(
      "PATCH",
      "/api/v1/workspaces/default/flags/checkout/environments/development",
      {
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
      },
    );
    await server.admin("POST", "/api/v1/workspaces/default/flags", {
      key: "dark-mode",
      type: "boolean",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe("server SDK endpoints", () => {
    it.each(["/sdk/init-server", "/worker/sdk/init-server"])(
      "%s answers 2xx with a JSON body the latest SDKs can parse",
      async (path) => {
        const response = await call("POST", path, serverKey, { sdkContext: SDK_CONTEXT });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toContain("application/json");
        expect(await response.json()).toEqual({});
      },
    );

    it.each([
      ["POST", "/sdk/rules"],
      ["GET", "/sdk/rules"],
      ["GET", "/worker/sdk/rules"],
      ["POST", "/worker/sdk/rules"],
    ])("%s %s returns every live flag as a FlagSync DTO", async (method, path) => {
      const response = await call(
        method,
        path,
        serverKey,
        method === "POST" ? { sdkContext: SDK_CONTEXT } : undefined,
      );
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        flags: Record<string, FeatureFlagEnvironmentDetailDto>;
      };
      expect(Object.keys(body.flags).sort()).toEqual(["checkout", "dark-mode"]);
      const detail = body.flags.checkout as FeatureFlagEnvironmentDetailDto;
      expect(detail.state).toMatchObject({
        isEnabled: true,
        seed: "seed-abc",
        percentageRollout: [
          { variantId: 1, percentage: 80 },
          { variantId: 2, percentage: 20 },
        ],
      });
      expect(detail.state.targetingRules[0]?.clauses[0]).toMatchObject({
        attribute: "CUSTOM",
        operator: "IOO",
        customAttribute: { name: "plan" },
        values: [{ value: "pro" }],
      });
      expect(detail.featureFlag.variants[1]).toMatchObject({
        variantId: 2,
        dataTypeCode: "JSON",
        jsonValue: { layout: "grid", columns: 3 },
      });
      // user-qa-1 is in bucket 84 under seed-abc: the 20 % slice [80, 100).
      expect(evaluate(fromFlagSyncDetail(detail), { key: "user-qa-1" }).value).toEqual({
        layout: "grid",
        columns: 3,
      });
      expect(Array.isArray(body.flags["dark-mode"]?.state.targetingRules)).toBe(true);
    });
  });

  describe("authentication before the body", () => {
    it.each([
      ["/sdk/init-server", undefined],
      ["/sdk/flags", undefined],
      ["/track/events/server", undefined],
      ["/track/impressions/client", "fs_client_unknownunknownunknownunknown00"],
      ["/v1/track/events/client", "fs_client_unknownunknownunknownunknown00"],
    ])("%s refuses a request without a working key before parsing its body", async (path, key) => {
      // A body that is not JSON, and one of a type no parser takes: 401 either way, never 400/415.
      for (const [type, body] of [
        ["application/json", "{not json"],
        ["application/x-unknown", "x"],
      ] as const) {
        const response = await call("POST", path, key, body, { "content-type": type });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({
          statusCode: 401,
          errorCode: "INVALID_SDK_KEY",
          message: key ? "Invalid SDK key" : "Send the SDK key in the x-ridgeline-key header",
          path,
        });
      }
    });
  });

  describe("client SDK endpoints", () => {
    it.each(["/sdk/init-client", "/worker/sdk/init-client"])(
      "%s accepts a context",
      async (path) => {
        const response = await call("POST", path, clientKey, {
          context: { key: "u", attributes: {} },
          sdkContext: SDK_CONTEXT,
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({});
      },
    );

    it.each(["/sdk/flags", "/worker/sdk/flags"])(
      "%s evaluates every flag for the user in the body",
      async (path) => {
        const pro = await call("POST", path, clientKey, {
          context: { key: "u-1", attributes: { plan: "pro" } },
        });
        expect(await pro.json()).toEqual({
          flags: { checkout: { layout: "grid", columns: 3 }, "dark-mode": false },
          context: { key: "u-1", attributes: { plan: "pro" } },
        });
        const bucketed = await call("POST", path, clientKey, {
          context: { key: "user-dev-2" },
          sdkContext: SDK_CONTEXT,
        });
        expect(
          ((await bucketed.json()) as { flags: Record<string, unknown> }).flags.checkout,
        ).toEqual({ layout: "classic" });
      },
    );

    it("matches IP and COUNTRY clauses from the request, which SDKs cannot send", async () => {
      await server.admin("POST", "/api/v1/workspaces/default/flags", {
        key: "geo",
        type: "string",
        variants: [
          { key: "none", value: "none" },
          { key: "local", value: "local" },
          { key: "france", value: "france" },
        ],
        onVariant: "none",
      });
      await server.admin("PATCH", "/api/v1/workspaces/default/flags/geo/environments/development", {
        enabled: true,
        rules: [
          {
            variant: "france",
            clauses: [{ attribute: "COUNTRY", operator: "IOO", values: ["FR"] }],
          },
          {
            variant: "local",
            clauses: [
              {
                attribute: "IP",
                operator: "IOO",
                values: ["127.0.0.1", "::1", "::ffff:127.0.0.1"],
              },
            ],
          },
        ],
      });
      const valueFor = async (headers: Record<string, string>) =>
        (
          (await (
            await call(
              "POST",
              "/sdk/flags",
              clientKey,
              { context: { key: "u", attributes: { country: "FR" } } },
              headers,
            )
          ).json()) as { flags: Record<string, unknown> }
        ).flags.geo;
      expect(await valueFor({ "x-test-country": "fr" })).toBe("france");
      expect(await valueFor({})).toBe("local");
    });

    it("answers CORS preflights with the exact origin and credentials", async () => {
      const response = await fetch(`${server.url}/sdk/flags`, {
        method: "OPTIONS",
        headers: {
          origin: "https://shop.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type,x-ridgeline-key",
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("https://shop.example");
      expect(response.headers.get("access-control-allow-credentials")).toBe("true");
      expect(response.headers.get("access-control-allow-headers")).toContain("x-ridgeline-key");
      const actual = await call(
        "POST",
        "/sdk/flags",
        clientKey,
        { context: { key: "u" } },
        { origin: "https://shop.example" },
      );
      expect(actual.headers.get("access-control-allow-origin")).toBe("https://shop.example");
      expect(actual.headers.get("vary")).toContain("Origin");
    });

    it("refuses a missing or malformed context with a protocol error", async () => {
      const response = await call("POST", "/sdk/flags", clientKey, { sdkContext: SDK_CONTEXT });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        statusCode: 400,
        errorCode: "USER_CONTEXT_NOT_FOUND",
        message: expect.any(String),
        path: "/sdk/flags",
      });
    });

    it("never fails a request on what would throw in an official SDK", async () => {
      await server.admin("POST", "/api/v1/workspaces/default/flags", {
        key: "hazard",
        type: "boolean",
      });
      await server.admin(
        "PATCH",
        "/api/v1/workspaces/default/flags/hazard/environments/development",
        {
          enabled: true,
          onVariant: "off",
          rules: [
            {
              variant: "on",
              clauses: [
                { attribute: "CUSTOM", customAttribute: "n", operator: "SW", values: ["4"] },
              ],
            },
          ],
        },
      );
      const response = await call("POST", "/sdk/flags", clientKey, {
        context: { key: "u", attributes: { n: 42 } },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { flags: Record<string, unknown> }).flags.hazard).toBe(
        false,
      );
    });
  });

  describe("caching", () => {
    it("serves keys and flags from memory: no database query per SDK request", async () => {
      await call("GET", "/sdk/rules", serverKey);
      await call("POST", "/sdk/flags", clientKey, { context: { key: "warm" } });
      // An unknown key is looked up once, then remembered as unknown.
      await call("GET", "/sdk/rules", "fs_server_not-a-key");
      const before = server.database.queryCount();
      for (let i = 0; i < 50; i++) {
        expect((await call("GET", "/sdk/rules", serverKey)).status).toBe(200);
        expect(
          (await call("POST", "/sdk/flags", clientKey, { context: { key: `u-${i}` } })).status,
        ).toBe(200);
        expect((await call("GET", "/sdk/rules", "fs_server_not-a-key")).status).toBe(401);
      }
      expect(server.database.queryCount() - before).toBe(0);
    });
  });

  describe("keys", () => {
    it.each([
      ["POST", "/sdk/init-server", "client"],
      ["GET", "/sdk/rules", "client"],
      ["POST", "/track/events/server", "client"],
      ["POST", "/sdk/init-client", "server"],
      ["POST", "/sdk/flags", "server"],
      ["POST", "/track/impressions/client", "server"],
    ])("%s %s refuses a %s key with 401 INVALID_SDK_KEY", async (method, path, kind) => {
      const key = kind === "client" ? clientKey : serverKey;
      const response = await call(
        method,
        path,
        key,
        method === "POST" ? { context: { key: "u" }, events: [], impressions: [] } : undefined,
      );
      expect(response.status).toBe(401);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ statusCode: 401, errorCode: "INVALID_SDK_KEY", path });
      expect(Object.keys(body).sort()).toEqual(["errorCode", "message", "path", "statusCode"]);
    });

    it("refuses unknown and missing keys", async () => {
      expect((await call("GET", "/sdk/rules", "fs_server_unknown")).status).toBe(401);
      expect((await call("GET", "/sdk/rules", undefined)).status).toBe(401);
    });
  });

  describe("tracking", () => {
    it("stores server events, keeping good items and naming the bad ones", async () => {
      const response = await call("POST", "/track/events/server", serverKey, {
        events: [
          {
            context: { key: "user-qa-1", attributes: { plan: "pro" } },
            eventKey: "purchase",
            value: 49.99,
            properties: { productId: "0x123", discount: 0.2 },
            timestamp: RECENT,
          },
          {
            context: { key: "user-qa-1" },
            eventKey: "page_load_time",
            value: 1.42,
            properties: null,
            timestamp: RECENT,
          },
          {
            context: { key: "user-qa-1" },
            eventKey: "signup-click",
            timestamp: RECENT,
          },
          { context: { key: "user-qa-1" }, eventKey: "", timestamp: RECENT },
          {
            context: { key: "user-qa-1" },
            eventKey: "bad-value",
            value: "12",
            timestamp: RECENT,
          },
          { eventKey: "no-context", timestamp: RECENT },
          {
            context: { key: "user-qa-1" },
            eventKey: "future",
            timestamp: "2099-01-01T00:00:00.000Z",
          },
        ],
        sdkContext: SDK_CONTEXT,
      });
      expect(response.status).toBe(200);
      const result = (await response.json()) as {
        accepted: number;
        rejected: { index: number; reason: string }[];
      };
      expect(result.accepted).toBe(3);
      expect(result.rejected.map((r) => r.index)).toEqual([3, 4, 5, 6]);
      expect(result.rejected[1]?.reason).toMatch(/finite number/);
      const rows = await server.database.db
        .selectFrom("raw_events")
        .selectAll()
        .where("user_key", "=", "user-qa-1")
        .orderBy("id")
        .execute();
      expect(rows.map((r) => [r.event_key, r.value])).toEqual([
        ["purchase", 49.99],
        ["page_load_time", 1.42],
        ["signup-click", null],
      ]);
      expect(rows[0]?.source).toBe("server");
    });

    it("stores client impressions and events with the body's context, also sent as text/plain", async () => {
      const impressions = await call(
        "POST",
        "/track/impressions/client",
        clientKey,
        JSON.stringify({
          context: { key: "web-1", attributes: {} },
          impressions: [
            {
              flagKey: "checkout",
              flagValue: { layout: "classic" },
              timestamp: RECENT,
            },
          ],
          sdkContext: SDK_CONTEXT,
        }),
        { "content-type": "text/plain;charset=UTF-8" },
      );
      expect(impressions.status).toBe(200);
      const events = await call("POST", "/worker/track/events/client", clientKey, {
        context: { key: "web-1" },
        events: [{ eventKey: "purchase", value: 5, timestamp: RECENT }],
      });
      expect(((await events.json()) as { accepted: number }).accepted).toBe(1);
      const stored = await server.database.db
        .selectFrom("raw_impressions")
        .selectAll()
        .where("user_key", "=", "web-1")
        .execute();
      expect(stored.map((r) => [r.flag_key, r.source])).toEqual([["checkout", "client"]]);
    });

    it("refuses a batch that is not a batch, and over-large bodies", async () => {
      const notArray = await call("POST", "/track/events/server", serverKey, { events: "nope" });
      expect(notArray.status).toBe(400);
      expect(((await notArray.json()) as { errorCode: string }).errorCode).toBe(
        "INVALID_CONFIGURATION",
      );
      const huge = await call("POST", "/track/events/server", serverKey, {
        events: [{ eventKey: "x", properties: { blob: "x".repeat(1_100_000) } }],
      });
      expect(huge.status).toBe(413);
      const malformed = await call("POST", "/track/events/server", serverKey, '{"events": [');
      expect(malformed.status).toBe(400);
      expect(Object.keys((await malformed.json()) as object).sort()).toEqual([
        "errorCode",
        "message",
        "path",
        "statusCode",
      ]);
    });
  });
});
