import type { Kysely, Migration } from "kysely";

/**
 * Why a variant was served (DISABLED, TARGETING_MATCH, SPLIT, DEFAULT, ERROR), as our own SDK
 * endpoint reports it; null for impressions of the FlagSync-compatible endpoints, which carry
 * only the served value.
 */
export function impressionReasonsMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable("raw_impressions").addColumn("reason", "text").execute();
    },
  };
}
