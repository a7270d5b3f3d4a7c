import type { Database } from "../storage/database.js";
import { WorkerClient, workerModule } from "../threads/worker-client.js";
import {
  type EventView,
  type ExposureView,
  type ImpressionView,
  lastSeenContext,
  RawDataQuery,
  type RawQuery,
  type SeenContext,
} from "./event-query.js";
import type { RawDataThreadData } from "./raw-data.worker.js";

/** A page of one kind of raw data, as asked of the raw data thread. */
export interface RawDataRequest {
  kind: "events" | "impressions" | "exposures";
  query: RawQuery;
}

/** Reads pages of raw events, impressions and exposures. */
export interface RawDataReader {
  events(q: RawQuery): Promise<EventView[]>;
  impressions(q: RawQuery): Promise<ImpressionView[]>;
  exposures(q: RawQuery): Promise<ExposureView[]>;
  /** A user's context as last seen (one indexed row: read in place). */
  lastContext(environmentId: number, userKey: string): Promise<SeenContext | undefined>;
  close(): Promise<void>;
}

/**
 * Where raw data pages are read: on a SQLite file, in a thread of its own with a read-only
 * connection (better-sqlite3 blocks the thread it runs on for the whole query); on PostgreSQL
 * and on an in-memory SQLite database (which only its one connection sees), in place.
 */
export function rawDataReader(database: Database, onExit?: (code: number) => void): RawDataReader {
  const { target } = database;
  if (target.dialect === "sqlite" && target.path !== ":memory:") {
    const client = new WorkerClient<RawDataRequest, unknown[]>(
      workerModule("events/raw-data.worker.js"),
      { path: target.path } satisfies RawDataThreadData,
      "raw data",
      onExit,
    );
    return {
      events: (query) => client.request({ kind: "events", query }) as Promise<EventView[]>,
      impressions: (query) =>
        client.request({ kind: "impressions", query }) as Promise<ImpressionView[]>,
      exposures: (query) => client.request({ kind: "exposures", query }) as Promise<ExposureView[]>,
      lastContext: (environmentId, userKey) => lastSeenContext(database.db, environmentId, userKey),
      close: () => client.close(),
    };
  }
  const query = new RawDataQuery(database.db, database.dialect);
  return {
    events: (q) => query.events(q),
    impressions: (q) => query.impressions(q),
    exposures: (q) => query.exposures(q),
    lastContext: (environmentId, userKey) => lastSeenContext(database.db, environmentId, userKey),
    close: async () => {},
  };
}
