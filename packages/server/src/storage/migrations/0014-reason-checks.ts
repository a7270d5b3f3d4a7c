import { type Kysely, type Migration, sql } from "kysely";
import { MISMATCHED } from "./0013-flag-versions.js";

/** Impressions whose served variant differs from the one the server derives. */
export const MISMATCHED_VARIANT = MISMATCHED;
/** Impressions of our own endpoint whose reported reason differs from the derived one. */
export const DISAGREEING_REASON =
  "reason is not null and derived_reason is not null and reason <> derived_reason";
/** Every impression the results' assignment check counts (the partial index's predicate). */
export const CHECKED = `(${MISMATCHED_VARIANT}) or (${DISAGREEING_REASON})`;

/**
 * The impressions the assignment check counts are indexed on their own (few, and counted per
 * experiment window): those served another variant than derived, and now also those whose
 * reported reason (our own endpoint) disagrees with the derived one.
 */
export function reasonChecksMigration(): Migration {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.dropIndex("raw_impressions_mismatched").execute();
      await db.schema
        .createIndex("raw_impressions_checked")
        .on("raw_impressions")
        .columns(["environment_id", "flag_key", "timestamp"])
        .where(sql.raw<boolean>(CHECKED))
        .execute();
    },
  };
}
