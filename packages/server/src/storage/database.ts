import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import type pg from "pg";
import type { DatabaseTarget, SqliteSynchronous } from "../config.js";
import type { Dialect } from "./dialects.js";
import { initialMigration } from "./migrations/0001-initial.js";
import { eventIdsMigration } from "./migrations/0002-event-ids.js";
import { exposuresMigration } from "./migrations/0003-exposures.js";
import { eventCatalogMigration } from "./migrations/0004-event-catalog.js";
import { impressionReasonsMigration } from "./migrations/0005-impression-reasons.js";
import { catalogSlotsMigration } from "./migrations/0006-catalog-slots.js";
import { experimentsMigration } from "./migrations/0007-experiments.js";
import { flagTagsMigration } from "./migrations/0008-flag-tags.js";
import { ingestCommitsMigration } from "./migrations/0009-ingest-commits.js";
import { rawDataIndexesMigration } from "./migrations/0010-raw-data-indexes.js";
import { environmentProductionMigration } from "./migrations/0011-environment-production.js";
import { experimentPhasesMigration } from "./migrations/0012-experiment-phases.js";
import { flagVersionsMigration } from "./migrations/0013-flag-versions.js";
import { reasonChecksMigration } from "./migrations/0014-reason-checks.js";
import { analysisKeptMigration } from "./migrations/0015-analysis-kept.js";
import { peopleMigration } from "./migrations/0016-people.js";
import { invitationsMigration } from "./migrations/0017-invitations.js";
import { auditAddressMigration } from "./migrations/0018-audit-address.js";
import { sessionAgentMigration } from "./migrations/0019-session-agent.js";
import { changeRequestsMigration } from "./migrations/0020-change-requests.js";
import { schedulesMigration } from "./migrations/0021-schedules.js";
import { webhooksMigration } from "./migrations/0022-webhooks.js";
import { sdkClientsMigration } from "./migrations/0023-sdk-clients.js";
import { createPgPool } from "./postgres-pool.js";
import type { Tables } from "./tables.js";

/** An open database: the typed query builder, its dialect, and how to close it. */
export interface Database {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  /** Where the database lives, as configured. */
  readonly target: DatabaseTarget;
  /** The PostgreSQL pool, for LISTEN/NOTIFY; undefined on SQLite. */
  readonly pool: pg.Pool | undefined;
  /** The SQLite handle Kysely uses (one connection), for prepared statements on hot paths. */
  readonly sqlite: SQLite.Database | undefined;
  /** Round-trips a trivial query; throws when the database is unreachable. */
  ping(): Promise<void>;
  /** Queries run since the database was opened (to check that hot paths are served from memory). */
  queryCount(): number;
  close(): Promise<void>;
}

/** Every migration of the schema, by name, in order. */
export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0001-initial": initialMigration(dialect),
    "0002-event-ids": eventIdsMigration(),
    "0003-exposures": exposuresMigration(),
    "0004-event-catalog": eventCatalogMigration(dialect),
    "0005-impression-reasons": impressionReasonsMigration(),
    "0006-catalog-slots": catalogSlotsMigration(dialect),
    "0007-experiments": experimentsMigration(dialect),
    "0008-flag-tags": flagTagsMigration(dialect),
    "0009-ingest-commits": ingestCommitsMigration(),
    "0010-raw-data-indexes": rawDataIndexesMigration(),
    "0011-environment-production": environmentProductionMigration(),
    "0012-experiment-phases": experimentPhasesMigration(dialect),
    "0013-flag-versions": flagVersionsMigration(dialect),
    "0014-reason-checks": reasonChecksMigration(),
    "0015-analysis-kept": analysisKeptMigration(dialect),
    "0016-people": peopleMigration(dialect),
    "0017-invitations": invitationsMigration(dialect),
    "0018-audit-address": auditAddressMigration(),
    "0019-session-agent": sessionAgentMigration(),
    "0020-change-requests": changeRequestsMigration(dialect),
    "0021-schedules": schedulesMigration(dialect),
    "0022-webhooks": webhooksMigration(dialect),
    "0023-sdk-clients": sdkClientsMigration(),
  };
}

/**
 * A SQLite connection with the settings every connection of the server uses. `synchronous`:
 * FULL (the default) syncs the WAL at each commit, so what is acknowledged survives a power loss
 * or an OS crash; NORMAL (SQLITE_SYNCHRONOUS=normal) only at checkpoints (see README).
 */
export function openSqlite(path: string, synchronous: SqliteSynchronous = "full"): SQLite.Database {
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${synchronous === "normal" ? "NORMAL" : "FULL"}`);
  sqlite.pragma("foreign_keys = ON");
  // Two connections write (the API's and the ingestion writer's): wait for the other's commit.
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

/**
 * Creates a SQLite database file readable by its owner only (it holds user contexts), in a
 * folder likewise when the folder is new; SQLite gives the -wal and -shm files the database
 * file's permissions. Whatever the process umask: modes are set, not masked. Existing files and
 * folders are left as they are (their owner chose).
 */
function createPrivately(path: string): void {
  const created = mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // mkdir's mode goes through the umask, which may leave group or other bits: set it exactly.
  if (created !== undefined) {
    for (let dir = dirname(path); dir.length >= created.length; dir = dirname(dir)) {
      chmodSync(dir, 0o700);
      if (dir === created) break;
    }
  }
  try {
    closeSync(openSync(path, "wx", 0o600));
    chmodSync(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/** Opens the database of a DATABASE_URL and brings its schema up to date. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  let database: Database;
  let queries = 0;
  const log = (): void => {
    queries++;
  };
  if (target.dialect === "sqlite") {
    if (target.path !== ":memory:") createPrivately(target.path);
    const sqlite = openSqlite(target.path, target.synchronous);
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }), log });
    database = {
      db,
      dialect: "sqlite",
      target,
      pool: undefined,
      sqlite,
      queryCount: () => queries,
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  } else {
    const pool = createPgPool(target.url, { max: 10 });
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), log });
    database = {
      db,
      dialect: "postgres",
      target,
      pool,
      sqlite: undefined,
      queryCount: () => queries,
      ping: async () => {
        await sql`select 1`.execute(db);
      },
      close: () => db.destroy(),
    };
  }
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations(database.dialect) },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await database.close();
    throw error;
  }
  return database;
}
