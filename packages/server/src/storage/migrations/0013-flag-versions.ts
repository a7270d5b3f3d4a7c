import { type Kysely, type Migration, sql } from "kysely";
import { type Dialect, fromJson, idColumn, idType, jsonType, toJson } from "../dialects.js";

/** The impressions whose served variant differs from the derived one (index and queries). */
export const MISMATCHED =
  "derived_variant_id is not null and (variant_id is null or variant_id <> derived_variant_id)";

/**
 * Every version of a flag's evaluable form (variants and state) per environment, with the time
 * it came into force, so an impression can be judged by the version its SDK evaluated; and the
 * variant and reason the server derives for each impression that way. Existing states become
 * their flag's first version, in force since the state was last changed.
 */
export function flagVersionsMigration(dialect: Dialect): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable("flag_versions")
        .addColumn("id", idType(dialect), idColumn(dialect))
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("flag_key", "text", (c) => c.notNull())
        .addColumn("in_force_from", "text", (c) => c.notNull())
        .addColumn("flag", jsonType(dialect), (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("flag_versions_by_flag")
        .on("flag_versions")
        .columns(["environment_id", "flag_key", "in_force_from"])
        .execute();
      await db.schema
        .alterTable("raw_impressions")
        .addColumn("derived_variant_id", "integer")
        .execute();
      await db.schema.alterTable("raw_impressions").addColumn("derived_reason", "text").execute();
      // Impressions whose served variant is not the one the server derives: few, and counted
      // per experiment window, so indexed on their own.
      await db.schema
        .createIndex("raw_impressions_mismatched")
        .on("raw_impressions")
        .columns(["environment_id", "flag_key", "timestamp"])
        .where(sql.raw<boolean>(MISMATCHED))
        .execute();
      const states = await db
        .selectFrom("flag_states")
        .innerJoin("flags", "flags.id", "flag_states.flag_id")
        .select([
          "flag_states.environment_id",
          "flags.key",
          "flags.type",
          "flags.variants",
          "flag_states.enabled",
          "flag_states.off_variant_id",
          "flag_states.on_variant_id",
          "flag_states.seed",
          "flag_states.rollout",
          "flag_states.rules",
          "flag_states.updated_at",
        ])
        .execute();
      for (const row of states) {
        const flag = {
          key: row.key,
          type: row.type,
          variants: fromJson(row.variants),
          state: {
            enabled: row.enabled === 1,
            offVariantId: row.off_variant_id,
            onVariantId: row.on_variant_id,
            seed: row.seed,
            rollout: fromJson(row.rollout),
            rules: fromJson(row.rules),
          },
        };
        await db
          .insertInto("flag_versions")
          .values({
            environment_id: row.environment_id,
            flag_key: row.key,
            in_force_from: row.updated_at,
            flag: toJson(flag),
          })
          .execute();
      }
    },
  };
}
