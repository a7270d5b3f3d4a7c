// The OpenFeature server provider against the real server: every resolution type with variant,
// reason and flag metadata, the error codes, provider events from the SDK's live stream (a
// change, a cut connection, a server reached late), tracking, and closing.

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@flagsync-oss/sdk-node";
import {
  type Client,
  type EventDetails,
  OpenFeature,
  ProviderEvents,
  ProviderStatus,
} from "@openfeature/server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../server/test/support/databases.js";
import type { TestServer } from "../../server/test/support/test-server.js";
import { FlagSyncProvider } from "../src/server/index.js";
import { makeProviderFlags, startProxiedServer, trackedEvents, WS } from "./support/fixtures.js";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.js";

/** The next event of `type` a client's handlers get. */
function nextEvent(client: Client, type: ProviderEvents): Promise<EventDetails> {
  return new Promise((resolve) => {
    const handler = (details?: EventDetails) => {
      client.removeHandler(type, handler);
      resolve(details as EventDetails);
    };
    client.addHandler(type, handler);
  });
}

describe.each(DIALECTS)("server provider on %s", (dialect) => {
  let server: TestServer;
  let proxy: TcpProxy;
  let stop: () => Promise<void>;
  let client: Client;
  const domain = `provider-${dialect}`;

  beforeAll(async () => {
    ({ server, proxy, stop } = await startProxiedServer(dialect));
    await makeProviderFlags(server);
    // Every client goes through the proxy: a test cuts the live stream there.
    await OpenFeature.setProviderAndWait(
      domain,
      new FlagSyncProvider({
        sdkKey: server.keys.development?.server as string,
        baseUrl: proxy.url,
      }),
    );
    client = OpenFeature.getClient(domain);
  }, 60_000);

  afterAll(async () => {
    await OpenFeature.close();
    await stop?.();
  });

  it("resolves every type with the variant, the reason and the flag metadata", async () => {
    const user = { targetingKey: "user-1" };
    expect(await client.getBooleanDetails("of-boolean", false, user)).toMatchObject({
      value: true,
      variant: "on",
      reason: "DEFAULT",
      flagMetadata: { variantId: expect.any(Number) },
    });
    const pro = await client.getBooleanDetails("of-boolean", true, { ...user, plan: "pro" });
    expect(pro).toMatchObject({ value: false, variant: "off", reason: "TARGETING_MATCH" });
    expect(pro.flagMetadata.ruleId).toEqual(expect.any(Number));
    expect(pro.errorCode).toBeUndefined();
    expect(await client.getStringDetails("of-string", "x", user)).toMatchObject({
      value: "beta",
      variant: "b",
      reason: "SPLIT",
    });
    expect(await client.getNumberDetails("of-number", 0, user)).toMatchObject({
      value: 1.5,
      variant: "small",
      reason: "DISABLED",
    });
    expect(await client.getObjectDetails("of-object", {}, user)).toMatchObject({
      value: { layout: "grid", columns: [1, 2] },
      variant: "grid",
      reason: "DEFAULT",
    });
    // Dates in the context are compared as ISO 8601 strings.
    const signedUp = new Date("2024-03-01T10:00:00Z");
    expect(await client.getObjectValue("of-object", {}, { ...user, signedUp })).toEqual({
      layout: "list",
    });
  });

  it("answers errors with the default and OpenFeature's error codes", async () => {
    const user = { targetingKey: "user-2" };
    expect(await client.getStringDetails("of-missing", "fallback", user)).toMatchObject({
      value: "fallback",
      reason: "ERROR",
      errorCode: "FLAG_NOT_FOUND",
    });
    expect(await client.getStringDetails("of-boolean", "fallback", user)).toMatchObject({
      value: "fallback",
      reason: "ERROR",
      errorCode: "TYPE_MISMATCH",
    });
    // A null default leaves the type to the method: a string is not an object.
    expect(await client.getObjectDetails("of-string", null, user)).toMatchObject({
      value: null,
      errorCode: "TYPE_MISMATCH",
      errorMessage: "of-string: the flag's value is a string, not an object",
    });
  });

  it("needs a targeting key only where the rollout draws the value", async () => {
    expect(await client.getStringDetails("of-string", "x", {})).toMatchObject({
      value: "x",
      reason: "ERROR",
      errorCode: "TARGETING_KEY_MISSING",
    });
    expect(await client.getBooleanDetails("of-boolean", true, { plan: "pro" })).toMatchObject({
      value: false,
      reason: "TARGETING_MATCH",
    });
    expect(await client.getNumberDetails("of-number", 0)).toMatchObject({
      value: 1.5,
      reason: "DISABLED",
    });
    expect(await client.getStringDetails("of-missing", "x", {})).toMatchObject({
      errorCode: "FLAG_NOT_FOUND",
    });
  });

  it("buckets by the bucketingKey of the context when there is one", async () => {
    // Two users in different halves of the rollout (the seed is fixed: always the same two).
    const served = new Map<boolean, string>();
    for (let i = 0; served.size < 2 && i < 50; i++)
      served.set(
        await client.getBooleanValue("of-split", false, { targetingKey: `u-${i}` }),
        `u-${i}`,
      );
    expect(served.size).toBe(2);
    const [inOn, inOff] = [served.get(true) as string, served.get(false) as string];
    expect(
      await client.getBooleanDetails("of-split", false, {
        targetingKey: inOff,
        bucketingKey: inOn,
      }),
    ).toMatchObject({ value: true, reason: "SPLIT" });
    // A bucketing key is enough for a rollout: no targeting key needed.
    expect(await client.getBooleanDetails("of-split", true, { bucketingKey: inOff })).toMatchObject(
      {
        value: false,
        reason: "SPLIT",
      },
    );
  });

  it("tells of changed flags, of a lost stream and of its return", async () => {
    const changed = nextEvent(client, ProviderEvents.ConfigurationChanged);
    await server.admin("PATCH", `${WS}/flags/of-number/environments/development`, {
      enabled: true,
    });
    expect((await changed).flagsChanged).toEqual(["of-number"]);
    expect(await client.getNumberValue("of-number", 0, { targetingKey: "u" })).toBe(10);

    const stale = nextEvent(client, ProviderEvents.Stale);
    proxy.cut();
    await stale;
    expect(client.providerStatus).toBe(ProviderStatus.STALE);
    // Added while READY, a READY handler runs at once: so only now. The SDK fetches the rules
    // at once (then reconnects its stream after a backoff).
    await nextEvent(client, ProviderEvents.Ready);
    expect(client.providerStatus).toBe(ProviderStatus.READY);
  });

  it("is in error without the server at start, and ready when it comes", async () => {
    const late = await startTcpProxy(server.url);
    late.refuse(true);
    const lateDomain = `${domain}-late`;
    const lateClient = OpenFeature.getClient(lateDomain);
    const provider = new FlagSyncProvider({
      sdkKey: server.keys.development?.server as string,
      baseUrl: late.url,
      readyTimeoutMs: 200,
    });
    await expect(OpenFeature.setProviderAndWait(lateDomain, provider)).rejects.toThrow(
      /no flags from the server within 200 ms/,
    );
    expect(lateClient.providerStatus).toBe(ProviderStatus.ERROR);
    expect(
      await lateClient.getBooleanDetails("of-boolean", false, { targetingKey: "u" }),
    ).toMatchObject({ value: false, reason: "ERROR", errorCode: "PROVIDER_NOT_READY" });
    const ready = nextEvent(lateClient, ProviderEvents.Ready);
    late.refuse(false);
    await ready;
    expect(lateClient.providerStatus).toBe(ProviderStatus.READY);
    expect(await lateClient.getBooleanValue("of-boolean", false, { targetingKey: "u" })).toBe(true);
    await provider.onClose();
    await late.close();
  });

  it("serves the rules of its bootstrap file while the server is down", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "openfeature-")), "rules.json");
    const online = new FlagSyncProvider({
      sdkKey: server.keys.development?.server as string,
      baseUrl: proxy.url,
      bootstrapFile: file,
    });
    await online.initialize();
    await online.onClose();
    // A file damaged since: of-boolean's "on" variant, served to most users, is gone.
    const rules = JSON.parse(readFileSync(file, "utf8"));
    const flag = rules["of-boolean"].featureFlag;
    flag.variants = flag.variants.filter((v: { name: string }) => v.name !== "on");
    writeFileSync(file, JSON.stringify(rules));

    const offline = new FlagSyncProvider({
      sdkKey: server.keys.development?.server as string,
      baseUrl: "http://127.0.0.1:9",
      bootstrapFile: file,
      readyTimeoutMs: 100,
    });
    await expect(offline.initialize()).rejects.toThrow(/no flags from the server/);
    const user = { targetingKey: "u", plan: "pro" };
    expect(await offline.resolveBooleanEvaluation("of-boolean", true, user)).toMatchObject({
      value: false,
      reason: "TARGETING_MATCH",
    });
    expect(
      await offline.resolveBooleanEvaluation("of-boolean", true, { targetingKey: "u" }),
    ).toMatchObject({ value: true, reason: "ERROR", errorCode: "PARSE_ERROR" });
    // A flag the file does not have may exist on the server: not ready, rather than not found.
    expect(await offline.resolveStringEvaluation("of-elsewhere", "x", user)).toMatchObject({
      errorCode: "PROVIDER_NOT_READY",
    });
    await offline.onClose();
  });

  it("tracks events with their value and details, sent when closed", async () => {
    const trackDomain = `${domain}-track`;
    const provider = new FlagSyncProvider({
      sdkKey: server.keys.development?.server as string,
      baseUrl: proxy.url,
    });
    await OpenFeature.setProviderAndWait(trackDomain, provider);
    const tracker = OpenFeature.getClient(trackDomain);
    tracker.track(
      "of-purchase",
      { targetingKey: "buyer-1", plan: "pro" },
      {
        value: 49.5,
        currency: "EUR",
        at: new Date("2025-01-02T03:04:05Z"),
      },
    );
    tracker.track("of-purchase", { targetingKey: "buyer-2" });
    // No subject: refused, nothing sent.
    tracker.track("of-purchase", {}, { value: 1 });
    // What OpenFeature.close() does: the provider closes the SDK's client, which sends its queue.
    await provider.onClose();
    expect(await trackedEvents(server, "of-purchase")).toEqual([
      {
        user_key: "buyer-1",
        value: 49.5,
        properties: { currency: "EUR", at: "2025-01-02T03:04:05.000Z" },
      },
      { user_key: "buyer-2", value: null, properties: null },
    ]);
  });

  it("stops when closed, starts again, and leaves a client it was given open", async () => {
    const provider = new FlagSyncProvider({
      sdkKey: server.keys.development?.server as string,
      baseUrl: proxy.url,
    });
    await provider.initialize();
    const user = { targetingKey: "u" };
    expect((await provider.resolveBooleanEvaluation("of-boolean", false, user)).value).toBe(true);
    await provider.onClose();
    await provider.onClose();
    expect(await provider.resolveBooleanEvaluation("of-boolean", false, user)).toMatchObject({
      value: false,
      errorCode: "PROVIDER_NOT_READY",
    });
    await provider.initialize();
    expect((await provider.resolveBooleanEvaluation("of-boolean", false, user)).value).toBe(true);
    await provider.onClose();

    const own = createClient({
      sdkKey: server.keys.development?.server as string,
      baseUrl: proxy.url,
    });
    const wrapping = new FlagSyncProvider({ client: own });
    await wrapping.initialize();
    await wrapping.onClose();
    expect(own.flag({ key: "u" }, "of-boolean", false)).toBe(true);
    await own.close();
  });
});
