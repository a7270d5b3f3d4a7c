import { type Kysely, type Migration, sql } from "kysely";
import { type Dialect, jsonType } from "../dialects.js";

/** Tags on flags (a JSON array of strings), to group and find them in the list. */
export function flagTagsMigration(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .alterTable("flags")
        .addColumn("tags", jsonType(dialect), (c) => c.notNull().defaultTo(sql`'[]'`))
        .execute();
    },
  };
}
