import type { Kysely, Migration } from "kysely";
import { type Dialect, idColumn, idType } from "../dialects.js";

/**
 * People and what they may do: users (email, an argon2id password hash, or none for single
 * sign-on), their role per workspace (owner, admin, editor, viewer; an editor may be limited to
 * some environments), their sessions (the cookie's secret hashed, a CSRF token, absolute and
 * idle expiry); admin tokens gain an owner (personal tokens), a role of their own (service
 * tokens), a scope, an expiry and a last use. Tokens made before have neither owner nor role:
 * they keep opening everything, as they did.
 */
export function peopleMigration(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("users")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("password_hash", "text")
        .addColumn("instance_admin", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("deactivated_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("memberships")
        .addColumn("workspace_id", "integer", (c) => c.notNull())
        .addColumn("user_id", "integer", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        // JSON list of environment keys an editor may change; null: all.
        .addColumn("environments", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("memberships_pk", ["workspace_id", "user_id"])
        .execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("secret_hash", "text", (c) => c.notNull().unique())
        .addColumn("user_id", "integer", (c) => c.notNull())
        .addColumn("csrf_token", "text", (c) => c.notNull())
        .addColumn("address", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_by_user").on("sessions").column("user_id").execute();
      await db.schema.alterTable("admin_tokens").addColumn("user_id", "integer").execute();
      await db.schema.alterTable("admin_tokens").addColumn("workspace_id", "integer").execute();
      await db.schema.alterTable("admin_tokens").addColumn("role", "text").execute();
      await db.schema.alterTable("admin_tokens").addColumn("scope", "text").execute();
      await db.schema.alterTable("admin_tokens").addColumn("expires_at", "text").execute();
      await db.schema.alterTable("admin_tokens").addColumn("last_used_at", "text").execute();
    },
  };
}
