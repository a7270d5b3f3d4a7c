import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SdkKeyCache } from "../src/auth/sdk-key-cache.js";
import { SdkKeyRepository } from "../src/auth/sdk-key-repository.js";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const randomKey = () => `fs_server_${randomBytes(16).toString("hex")}`;

describe.each(DIALECTS)("SDK key cache on %s", (dialect) => {
  let server: TestServer;
  let now = Date.now();
  let cache: SdkKeyCache;
  const queries = () => server.database.queryCount();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    cache = new SdkKeyCache(new SdkKeyRepository(server.database.db), () => now);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("keeps working keys while a flood of unknown keys passes, and forgets unknown keys soon", async () => {
    const good = server.keys.development?.server as string;
    expect((await cache.resolve(good))?.kind).toBe("server");

    // More unknown keys than the cache holds, 100 at a time.
    for (let i = 0; i < 105; i++)
      await Promise.all(Array.from({ length: 100 }, () => cache.resolve(randomKey())));

    let before = queries();
    expect((await cache.resolve(good))?.kind).toBe("server");
    expect(cache.cached(good)?.kind).toBe("server");
    expect(queries()).toBe(before);

    // An unknown key asked again within the time it is remembered costs no query.
    const unknown = randomKey();
    expect(await cache.resolve(unknown)).toBeUndefined();
    before = queries();
    expect(await cache.resolve(unknown)).toBeUndefined();
    expect(queries()).toBe(before);

    // Later it is looked up again (it might have been created since).
    now += 31_000;
    expect(await cache.resolve(unknown)).toBeUndefined();
    expect(queries()).toBe(before + 1);
    expect(cache.cached(unknown)).toBeUndefined();
  });
});
