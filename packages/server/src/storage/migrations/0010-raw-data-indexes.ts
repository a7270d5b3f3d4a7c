import type { Kysely, Migration } from "kysely";

/**
 * Indexes for the raw data lists, so that a page walks an index from its cursor and stops at
 * `limit` instead of scanning the table. Lists go in id order (the environment's, the key's
 * and the user's index hold each value's rows in id order), except lists with `from` or `to`
 * and no user, which go in time order (the time index): a recent window of a large table would
 * otherwise walk every older row by id first. A user's rows are few, so a time filter on them
 * is checked on the way.
 */
export function rawDataIndexesMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      const indexes: [string, "raw_events" | "raw_impressions", string[]][] = [
        ["raw_events_environment", "raw_events", ["environment_id", "id"]],
        ["raw_events_event_key", "raw_events", ["environment_id", "event_key", "id"]],
        ["raw_events_user", "raw_events", ["environment_id", "user_key", "id"]],
        ["raw_events_time", "raw_events", ["environment_id", "timestamp", "id"]],
        ["raw_impressions_environment", "raw_impressions", ["environment_id", "id"]],
        ["raw_impressions_flag", "raw_impressions", ["environment_id", "flag_key", "id"]],
        ["raw_impressions_user", "raw_impressions", ["environment_id", "user_key", "id"]],
        ["raw_impressions_time", "raw_impressions", ["environment_id", "timestamp", "id"]],
      ];
      for (const [name, table, columns] of indexes) {
        await db.schema.createIndex(name).ifNotExists().on(table).columns(columns).execute();
      }
    },
  };
}
