import type { Kysely, Migration } from "kysely";

/** Each audit entry keeps the address the change came from (none for the server's own). */
export function auditAddressMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("audit_entries").addColumn("address", "text").execute();
    },
  };
}
