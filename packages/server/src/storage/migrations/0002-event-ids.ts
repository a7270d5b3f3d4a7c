import { type Kysely, type Migration, sql } from "kysely";

/** Client-supplied event ids: a repeated id in an environment is stored once. */
export function eventIdsMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("raw_events").addColumn("client_id", "text").execute();
      await db.schema
        .createIndex("raw_events_client_id")
        .on("raw_events")
        .columns(["environment_id", "client_id"])
        .unique()
        .where(sql.ref("client_id"), "is not", null)
        .execute();
    },
  };
}
