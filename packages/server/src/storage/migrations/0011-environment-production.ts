import type { Kysely, Migration } from "kysely";

/**
 * Marks environments as production (0/1, like the flags' `enabled`): the dashboard asks for
 * confirmation before a change there is saved, with an optional comment that the audit entry
 * of the change keeps. The environment every first start creates under that name is one, on
 * databases made before this column too.
 */
export function environmentProductionMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable("environments")
        .addColumn("production", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable("audit_entries").addColumn("comment", "text").execute();
      await db
        .updateTable("environments")
        .set({ production: 1 })
        .where("key", "=", "production")
        .execute();
    },
  };
}
