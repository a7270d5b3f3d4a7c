import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type RunningServer, startServer } from "@flagsync-oss/server";
import pg from "pg";

const POSTGRES = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A fresh database for one benchmark run, with a data folder for the server's files. */
export interface BenchDatabase {
  /** The DATABASE_URL to start the server with. */
  url: string;
  /** FLAGSYNC_DATA_DIR (and the SQLite file's folder). */
  dir: string;
  /** Removes the database and the folder; with KEEP_DATABASE set, keeps them and says where. */
  remove(): Promise<void>;
}

async function onAdmin(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES });
  admin.on("error", () => {}); // a dropped connection during teardown is not a result
  await admin.connect();
  await admin.query(statement);
  await admin.end();
}

/** A SQLite file in a new temporary folder, or a uniquely named PostgreSQL database. */
export async function createBenchDatabase(dialect: string, name: string): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), `flagsync-${name}-`));
  const dbName = `fs_bench_${name}_${Date.now().toString(36)}`;
  let url = `sqlite:${join(dir, `${name}.db`)}`;
  if (dialect === "postgres") {
    await onAdmin(`CREATE DATABASE ${dbName}`);
    const address = new URL(POSTGRES);
    address.pathname = `/${dbName}`;
    url = address.toString();
  }
  return {
    url,
    dir,
    async remove() {
      if (process.env.KEEP_DATABASE) {
        console.log(`  kept ${url}`);
        return;
      }
      if (dialect === "postgres") await onAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A quiet server on a random port over a bench database, with this admin token and settings. */
export function startBenchServer(
  database: BenchDatabase,
  adminToken: string,
  settings: Record<string, string> = {},
): Promise<RunningServer> {
  return startServer(
    loadConfig({
      PORT: "0",
      DATABASE_URL: database.url,
      LOG_LEVEL: "silent",
      FLAGSYNC_DATA_DIR: database.dir,
      FLAGSYNC_ADMIN_TOKEN: adminToken,
      ...settings,
    }),
  );
}
