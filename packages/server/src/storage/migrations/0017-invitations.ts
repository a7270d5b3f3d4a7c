import type { Kysely, Migration } from "kysely";
import { type Dialect, idColumn, idType } from "../dialects.js";

/** Invitations by link: one person creates their account with a role (the first owner's too). */
export function invitationsMigration(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("invitations")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("workspace_id", "integer")
        .addColumn("role", "text")
        .addColumn("environments", "text")
        .addColumn("instance_admin", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("email", "text")
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("used_at", "text")
        .execute();
    },
  };
}
