import type { Kysely, Migration } from "kysely";
import { type Dialect, idColumn, idType, jsonType } from "../dialects.js";

/** Workspaces, environments, keys, flags, audit, raw events and impressions. */
export function initialMigration(dialect: Dialect): Migration {
  const json = jsonType(dialect);
  const id = idType(dialect);
  const pk = idColumn(dialect);
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("workspaces")
        .addColumn("id", id, pk)
        .addColumn("key", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("environments")
        .addColumn("id", id, pk)
        .addColumn("workspace_id", "integer", (c) =>
          c.notNull().references("workspaces.id").onDelete("cascade"),
        )
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addUniqueConstraint("environments_workspace_key", ["workspace_id", "key"])
        .execute();
      await db.schema
        .createTable("sdk_keys")
        .addColumn("id", id, pk)
        .addColumn("environment_id", "integer", (c) =>
          c.notNull().references("environments.id").onDelete("cascade"),
        )
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("key_hash", "text", (c) => c.notNull().unique())
        .addColumn("key_hint", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .execute();
      await db.schema
        .createTable("admin_tokens")
        .addColumn("id", id, pk)
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("token_hint", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .execute();
      await db.schema
        .createTable("flags")
        .addColumn("id", id, pk)
        .addColumn("workspace_id", "integer", (c) =>
          c.notNull().references("workspaces.id").onDelete("cascade"),
        )
        .addColumn("key", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("variants", json, (c) => c.notNull())
        .addColumn("next_variant_id", "integer", (c) => c.notNull())
        .addColumn("archived_at", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("flags_workspace_key", ["workspace_id", "key"])
        .execute();
      await db.schema
        .createTable("flag_states")
        .addColumn("flag_id", "integer", (c) =>
          c.notNull().references("flags.id").onDelete("cascade"),
        )
        .addColumn("environment_id", "integer", (c) =>
          c.notNull().references("environments.id").onDelete("cascade"),
        )
        .addColumn("enabled", "integer", (c) => c.notNull())
        .addColumn("off_variant_id", "integer", (c) => c.notNull())
        .addColumn("on_variant_id", "integer", (c) => c.notNull())
        .addColumn("seed", "text", (c) => c.notNull())
        .addColumn("rollout", json, (c) => c.notNull())
        .addColumn("rules", json, (c) => c.notNull())
        .addColumn("next_rule_id", "integer", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("flag_states_pk", ["flag_id", "environment_id"])
        .execute();
      await db.schema
        .createIndex("flag_states_environment")
        .on("flag_states")
        .column("environment_id")
        .execute();
      await db.schema
        .createTable("audit_entries")
        .addColumn("id", id, pk)
        .addColumn("workspace_id", "integer", (c) =>
          c.notNull().references("workspaces.id").onDelete("cascade"),
        )
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("resource_type", "text", (c) => c.notNull())
        .addColumn("resource_key", "text", (c) => c.notNull())
        .addColumn("flag_key", "text")
        .addColumn("environment_key", "text")
        .addColumn("before", json)
        .addColumn("after", json)
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("audit_entries_workspace")
        .on("audit_entries")
        .columns(["workspace_id", "id"])
        .execute();
      await db.schema
        .createIndex("audit_entries_flag")
        .on("audit_entries")
        .columns(["workspace_id", "flag_key", "id"])
        .execute();
      for (const table of ["raw_events", "raw_impressions"] as const) {
        let builder = db.schema
          .createTable(table)
          .addColumn("id", dialect === "postgres" ? "bigserial" : "integer", pk)
          .addColumn("environment_id", "integer", (c) => c.notNull());
        builder =
          table === "raw_events"
            ? builder
                .addColumn("event_key", "text", (c) => c.notNull())
                .addColumn("user_key", "text", (c) => c.notNull())
                .addColumn("value", dialect === "postgres" ? "double precision" : "real")
                .addColumn("properties", json)
            : builder
                .addColumn("flag_key", "text", (c) => c.notNull())
                .addColumn("user_key", "text", (c) => c.notNull())
                .addColumn("flag_value", json);
        await builder
          .addColumn("context", json)
          .addColumn("timestamp", "text", (c) => c.notNull())
          .addColumn("received_at", "text", (c) => c.notNull())
          .addColumn("source", "text", (c) => c.notNull())
          .execute();
      }
    },
  };
}
