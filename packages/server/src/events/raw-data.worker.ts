// The raw data thread of a SQLite file database: list and export pages read here, on a
// read-only connection of its own, so that a long read (a filter no index serves, a wide
// export) never holds up the HTTP thread, which serves the SDKs' requests.
import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Tables } from "../storage/tables.js";
import { answer, type ToWorker } from "../threads/worker-client.js";
import { RawDataQuery } from "./event-query.js";
import type { RawDataRequest } from "./raw-data-reader.js";

/** Where the raw data thread reads from. */
export interface RawDataThreadData {
  path: string;
}

const port = parentPort;
if (port) {
  const { path } = workerData as RawDataThreadData;
  const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
  // The writers checkpoint the WAL now and then: wait for them rather than fail.
  sqlite.pragma("busy_timeout = 5000");
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  const query = new RawDataQuery(db, "sqlite");
  port.on("message", (message: ToWorker<RawDataRequest>) => {
    if (message.type === "close") {
      void db.destroy().then(() => port.close());
      return;
    }
    const { kind, query: q } = message.body;
    void answer<unknown[]>(port, message.id, query[kind](q));
  });
}
