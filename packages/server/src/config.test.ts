import { describe, expect, it } from "vitest";
import { loadConfig, parseDatabaseUrl } from "./config.js";

describe("loadConfig", () => {
  it("defaults to an embedded SQLite file and port 8080 on localhost", () => {
    const config = loadConfig({});
    expect(config.database).toEqual({
      dialect: "sqlite",
      path: expect.stringMatching(/data\/flagsync\.db$/),
    });
    expect(config.port).toBe(8080);
    expect(config.host).toBe("127.0.0.1");
    expect(config.adminToken).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("selects PostgreSQL by URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@db:5432/flags" }).database).toEqual({
      dialect: "postgres",
      url: "postgres://u@db:5432/flags",
    });
    expect(parseDatabaseUrl("postgresql://x/y")).toEqual({
      dialect: "postgres",
      url: "postgresql://x/y",
    });
    expect(parseDatabaseUrl("sqlite::memory:")).toEqual({ dialect: "sqlite", path: ":memory:" });
  });

  it("reads the rate limits, with generous defaults", () => {
    expect(loadConfig({}).rateLimits).toEqual({
      refusedPerSecond: 10,
      refusedBurst: 100,
      signInFailures: 10,
      lockoutSeconds: 300,
      trackPerSecond: 2000,
      trackBurst: 10_000,
      trackedClients: 50_000,
    });
    const config = loadConfig({ RATE_LIMIT_REFUSED_PER_SECOND: "0", ADMIN_LOCKOUT_SECONDS: "60" });
    expect(config.rateLimits.refusedPerSecond).toBe(0);
    expect(config.rateLimits.lockoutSeconds).toBe(60);
    expect(() => loadConfig({ RATE_LIMIT_TRACK_PER_SECOND: "-1" })).toThrow(
      /RATE_LIMIT_TRACK_PER_SECOND must be an integer/,
    );
  });

  it("fails once, listing every bad variable", () => {
    let message = "";
    try {
      loadConfig({
        PORT: "http",
        DATABASE_URL: "mysql://x",
        LOG_LEVEL: "loud",
        FLAGSYNC_ADMIN_TOKEN: "short",
        SQLITE_SYNCHRONOUS: "off",
      });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const problem of [
      /PORT must be an integer/,
      /DATABASE_URL must be/,
      /LOG_LEVEL must be one of/,
      /SQLITE_SYNCHRONOUS must be one of full, normal/,
      /FLAGSYNC_ADMIN_TOKEN must be at least 32/,
    ]) {
      expect(message).toMatch(problem);
    }
  });

  it("syncs SQLite commits fully unless SQLITE_SYNCHRONOUS=normal", () => {
    expect(loadConfig({ DATABASE_URL: "sqlite:/tmp/x.db" }).database).toEqual({
      dialect: "sqlite",
      path: "/tmp/x.db",
    });
    expect(
      loadConfig({ DATABASE_URL: "sqlite:/tmp/x.db", SQLITE_SYNCHRONOUS: "normal" }).database,
    ).toEqual({ dialect: "sqlite", path: "/tmp/x.db", synchronous: "normal" });
  });
});
