import type { EvaluationReason } from "@flagsync-oss/core";
import { type RawBuilder, sql } from "kysely";

/**
 * Why an exposure is kept out of experiments: the served variant was not assigned by the
 * rollout. Off: the flag was off; rule: a targeting rule matched the user; default: the flag
 * served its on-variant to everyone (no rollout); error: the flag could not be evaluated.
 */
export type Exclusion = "rule" | "off" | "default" | "error";

const EXCLUSIONS: Record<Exclusion, number> = { rule: 1, off: 2, default: 3, error: 4 };
const REASONS: Partial<Record<EvaluationReason, Exclusion>> = {
  TARGETING_MATCH: "rule",
  DISABLED: "off",
  DEFAULT: "default",
  ERROR: "error",
};
/**
 * Variant ids stay below this (a flag has at most a few dozen variants); every exposure id
 * from it on is one kept out of experiments.
 */
export const STRIDE = 1_000_000;

/**
 * The variant id an exposure is stored under. Impressions the rollout assigned (or whose flag
 * the server does not know) keep their served variant (0: unknown); the others are stored
 * apart, as `served + STRIDE × code of the exclusion`, so that every analysis treats them as a
 * variant outside the comparison: a user with only such exposures is not analysed, and one who
 * also has a randomised exposure counts as exposed to more than one variant.
 */
export function exposureVariantId(
  servedVariantId: number | null,
  reason: EvaluationReason | null,
): number {
  const served = servedVariantId ?? 0;
  const exclusion = reason === null ? undefined : REASONS[reason];
  return exclusion === undefined || served === 0 ? served : served + STRIDE * EXCLUSIONS[exclusion];
}

/** The served variant and exclusion (null when randomised) behind a stored exposure id. */
export function exposureClass(id: number): { variantId: number; exclusion: Exclusion | null } {
  if (id < STRIDE) return { variantId: id, exclusion: null };
  const code = Math.floor(id / STRIDE);
  const exclusion = (Object.keys(EXCLUSIONS) as Exclusion[]).find((e) => EXCLUSIONS[e] === code);
  return { variantId: id % STRIDE, exclusion: exclusion ?? "error" };
}

/**
 * `exposureVariantId` in SQL over a raw impression (alias `r`, or none): the served variant
 * and the reason our own SDK reported, else the one derived at ingest. Every read that turns
 * impressions into exposures uses it, so that an incremental read classes them as ingest did.
 */
export function exposureVariantSql(alias?: string): RawBuilder<number> {
  const column = (name: string) => sql.raw(alias ? `${alias}.${name}` : name);
  const served = sql`coalesce(${column("variant_id")}, 0)`;
  const cases = Object.entries(REASONS).map(
    ([reason, exclusion]) =>
      sql`when ${sql.lit(reason)} then ${sql.lit(STRIDE * EXCLUSIONS[exclusion])}`,
  );
  return sql<number>`(case when ${served} = 0 then 0 else ${served} + (case coalesce(${column("reason")}, ${column("derived_reason")}) ${sql.join(cases, sql` `)} else 0 end) end)`;
}
