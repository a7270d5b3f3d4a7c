import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { DatabaseTarget } from "../../src/config.js";

/** Both dialects; every storage and route suite runs once per entry. */
export const DIALECTS = ["sqlite", "postgres"] as const;
export type TestDialect = (typeof DIALECTS)[number];

/** The PostgreSQL server of the test run; it must be up (the suites fail loudly, never skip). */
export const POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A database made for one test file, and how to remove it. */
export interface TestDatabase {
  target: DatabaseTarget;
  url: string;
  drop(): Promise<void>;
}

/** A new empty database: a SQLite file in the temp folder, or a uniquely named PostgreSQL database. */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const name = `fs_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  if (dialect === "sqlite") {
    const path = join(tmpdir(), `${name}.db`);
    return {
      target: { dialect: "sqlite", path },
      url: `sqlite:${path}`,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
      },
    };
  }
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    target: { dialect: "postgres", url: url.toString() },
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * Writes PostgreSQL's dirty pages out now (CHECKPOINT): a latency measured right after is the
 * server's, not a checkpoint's flushing of what earlier test files wrote.
 */
export async function checkpointPostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query("CHECKPOINT");
  } finally {
    await client.end();
  }
}
