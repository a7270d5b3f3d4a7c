import type { Kysely, Migration } from "kysely";

/** Each session keeps the browser that opened it, so a person can tell their sessions apart. */
export function sessionAgentMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
    },
  };
}
