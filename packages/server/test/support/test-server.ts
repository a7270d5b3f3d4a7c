import { fileURLToPath } from "node:url";
import { type BuiltApp, buildApp } from "../../src/app.js";
import { type Config, loadConfig } from "../../src/config.js";
import { type Database, openDatabase } from "../../src/storage/database.js";
import {
  type ChangeBus,
  createLocalBus,
  createPostgresBus,
} from "../../src/streaming/change-bus.js";
import { createTestDatabase, type TestDatabase, type TestDialect } from "./databases.js";

export const ADMIN_TOKEN = "fs_admin_test-token-0123456789abcdef";

/** A real server on a random port over a fresh database, with the first-start keys at hand. */
export interface TestServer extends BuiltApp {
  url: string;
  dialect: TestDialect;
  database: Database;
  testDatabase: TestDatabase;
  /** First-start SDK keys of workspace "default", by environment. */
  keys: Record<string, { server: string; client: string }>;
  /** Calls the admin API with the admin token. */
  // biome-ignore lint/suspicious/noExplicitAny: tests assert admin responses field by field
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: "127.0.0.1",
    database: { dialect: "sqlite", path: ":memory:" },
    adminToken: ADMIN_TOKEN,
    dataDir: "/tmp",
    logLevel: "silent",
    bodyLimit: 1_048_576,
    heartbeatSeconds: 15,
    trustProxy: false,
    countryHeader: "x-test-country",
    retentionDays: 90,
    webhooks: loadConfig({}).webhooks,
    // Jobs run when told of work; a slow poll keeps counts of queries per request exact.
    jobsPollMs: 60_000,
    analysisMemoryMb: 1024,
    maxConnections: 20_000,
    maxStreamsPerAddress: 1000,
    maxStreamsPerKey: 10_000,
    headerTimeoutSeconds: 10,
    rateLimits: loadConfig({}).rateLimits,
    dashboardDir: fileURLToPath(new URL("../../../dashboard/dist", import.meta.url)),
    ...overrides,
  };
}

/** Starts a server; pass `testDatabase` to start a second one on the same database. */
export async function startTestServer(
  dialect: TestDialect,
  options: {
    testDatabase?: TestDatabase;
    config?: Partial<Config>;
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<TestServer> {
  const testDatabase = options.testDatabase ?? (await createTestDatabase(dialect));
  const config = testConfig({ database: testDatabase.target, ...options.config });
  const database = await openDatabase(config.database);
  const bus: ChangeBus = database.pool ? await createPostgresBus(database.pool) : createLocalBus();
  const built = await buildApp(config, {
    database,
    bus,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const address = await built.app.listen({ port: 0, host: "127.0.0.1" });
  const keys: TestServer["keys"] = {};
  for (const [env, list] of Object.entries(built.credentials.keys ?? {})) {
    keys[env] = {
      server: list.find((k) => k.key.kind === "server")?.secret ?? "",
      client: list.find((k) => k.key.kind === "client")?.secret ?? "",
    };
  }
  return {
    ...built,
    url: address,
    dialect,
    database,
    testDatabase,
    keys,
    async admin(method, path, body) {
      const response = await fetch(`${address}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await built.app.close();
      await bus.close();
      await database.close();
      if (!options.testDatabase) await testDatabase.drop();
    },
  };
}
