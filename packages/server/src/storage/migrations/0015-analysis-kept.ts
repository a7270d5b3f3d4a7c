import { type Kysely, type Migration, sql } from "kysely";
import { binaryType, type Dialect } from "../dialects.js";

/**
 * The rows analyses keep, stored so that a restart or another server process continues from
 * them instead of reading every event again (see analysis/kept-store.ts): per fold signature a
 * chain of segments, each the rows read since the one before, its bytes in parts.
 */
export function analysisKeptMigration(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("analysis_kept")
        .addColumn("signature", "text", (c) => c.notNull())
        .addColumn("segment", "integer", (c) => c.notNull())
        .addColumn("token", "text", (c) => c.notNull())
        .addColumn("built_at", "text", (c) => c.notNull())
        .addColumn("header", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("analysis_kept_pk", ["signature", "segment"])
        .execute();
      await db.schema
        .createTable("analysis_kept_parts")
        .addColumn("signature", "text", (c) => c.notNull())
        .addColumn("token", "text", (c) => c.notNull())
        .addColumn("part", "integer", (c) => c.notNull())
        .addColumn("data", binaryType(dialect), (c) => c.notNull())
        .addPrimaryKeyConstraint("analysis_kept_parts_pk", ["signature", "token", "part"])
        .execute();
      // Stored as they are: the bytes hardly compress, and compressing them costs seconds.
      if (dialect === "postgres")
        await sql`alter table analysis_kept_parts alter column data set storage external`.execute(
          db,
        );
    },
  };
}
