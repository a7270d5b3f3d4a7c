import type { Kysely, Migration } from "kysely";

/**
 * The variant behind each impression, and exposures: the first impression per (environment,
 * flag, user, variant), kept compactly so analysis never scans raw impressions. Variant 0 is
 * "unknown": the served value matched no variant, several, or was the SDKs' fallback.
 */
export function exposuresMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("raw_impressions").addColumn("variant_id", "integer").execute();
      await db.schema
        .createTable("exposures")
        .addColumn("environment_id", "integer", (c) => c.notNull())
        .addColumn("flag_key", "text", (c) => c.notNull())
        .addColumn("user_key", "text", (c) => c.notNull())
        .addColumn("variant_id", "integer", (c) => c.notNull())
        .addColumn("first_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("exposures_pk", [
          "environment_id",
          "flag_key",
          "user_key",
          "variant_id",
        ])
        .execute();
    },
  };
}
