import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgPool } from "../src/storage/postgres-pool.js";
import { createPostgresBus } from "../src/streaming/change-bus.js";
import { createTestDatabase, POSTGRES_URL, type TestDatabase } from "./support/databases.js";

async function terminateBackends(database: string): Promise<number> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  const { rowCount } = await admin.query(
    "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
    [database],
  );
  await admin.end();
  return rowCount ?? 0;
}

describe("PostgreSQL change bus", () => {
  let database: TestDatabase;
  let name: string;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    name = new URL(database.url).pathname.slice(1);
  });
  afterAll(async () => {
    await database.drop();
  });

  it("hears other processes' changes again after its connection is killed", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    pool.on("error", () => {});
    const bus = await createPostgresBus(pool);
    const other = await createPostgresBus(pool);
    const heard: string[] = [];
    bus.subscribe((change) => heard.push(change.type));
    expect(await terminateBackends(name)).toBeGreaterThan(0);
    // The listener reconnects, reports "reload everything", then hears notices again.
    await expect.poll(() => heard.includes("environments"), { timeout: 5_000 }).toBe(true);
    await other.publish({ type: "flags", environmentIds: [1], flagKeys: ["a"] });
    await expect.poll(() => heard.includes("flags"), { timeout: 5_000 }).toBe(true);
    await bus.close();
    await other.close();
    await pool.end();
  });

  it("survives its released connection being killed after close", async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    const poolErrors: Error[] = [];
    pool.on("error", (error) => poolErrors.push(error));
    const bus = await createPostgresBus(pool);
    await bus.close();
    // The connection went back to the pool idle; killing it must not throw in the bus's handler.
    expect(await terminateBackends(name)).toBeGreaterThan(0);
    await expect.poll(() => poolErrors.length, { timeout: 5_000 }).toBeGreaterThan(0);
    await pool.end();
  });

  it("sends a change made while the database refused connections once it answers again", async () => {
    // The sender's connections are cut and new ones refused; the listener's stays up.
    const sender = new URL(database.url);
    sender.searchParams.set("application_name", "bus-sender");
    const pool = createPgPool(sender.toString(), { max: 4 });
    const bus = await createPostgresBus(pool);
    const listenerPool = createPgPool(database.url, { max: 2 });
    const other = await createPostgresBus(listenerPool);
    const heard: string[] = [];
    other.subscribe((change) => {
      if (change.type === "flags") heard.push(change.flagKeys.join());
    });
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`alter database ${name} allow_connections false`);
      const cut = await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bus-sender'",
      );
      expect(cut.rowCount).toBeGreaterThan(0);
      // The change was committed before: publishing it does not fail the request that made it.
      await bus.publish({ type: "flags", environmentIds: [1], flagKeys: ["during-outage"] });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([]);
    } finally {
      await admin.query(`alter database ${name} allow_connections true`);
      await admin.end();
    }
    await expect.poll(() => heard, { timeout: 10_000 }).toContain("during-outage");
    await bus.close();
    await other.close();
    await pool.end();
    await listenerPool.end();
  }, 20_000);
});
