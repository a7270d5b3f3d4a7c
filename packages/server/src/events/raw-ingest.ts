import {
  EVALUATION_REASONS,
  type EvaluationReason,
  type Flag,
  type JsonValue,
} from "@flagsync-oss/core";
import { derivedServing, type FlagSnapshots } from "../sdk-api/flag-snapshots.js";
import { SdkError } from "../sdk-api/sdk-errors.js";
import { batchOf, type Rejection } from "./event-batch.js";
import { validateImpression } from "./event-validation.js";
import { exposureVariantId } from "./exposure-class.js";
import type { ExposureRow, GroupCommit, ImpressionRow } from "./group-commit.js";

/** Exposure keys remembered to skip repeated impressions (about 100 MB at the bound). */
const MAX_REMEMBERED_EXPOSURES = 500_000;

/** What a track endpoint answers: how many items were kept and why the others were not. */
export interface IngestResult {
  /** Valid items: stored now, or stored before under the same id. */
  accepted: number;
  /** Accepted events whose id had been stored already (not stored twice). */
  duplicates: number;
  rejected: Rejection[];
}

/** The variant an impression of our own SDK names, checked against the flag's configuration. */
function servedVariant(
  item: Record<string, unknown>,
  flagKey: string,
  flag: Flag | undefined,
): { variantId: number | null; reason: string; value: JsonValue } {
  const { variantId, reason } = item;
  if (typeof reason !== "string" || !(EVALUATION_REASONS as readonly string[]).includes(reason))
    throw new Error(`reason must be one of ${EVALUATION_REASONS.join(", ")}`);
  // An evaluation that failed served the caller's default, which is no variant.
  if (reason === "ERROR" && (variantId === null || variantId === undefined))
    return { variantId: null, reason, value: (item.flagValue ?? null) as JsonValue };
  if (typeof variantId !== "number" || !Number.isInteger(variantId))
    throw new Error("variantId must be an integer (null only with reason ERROR)");
  if (!flag) throw new Error(`flag ${flagKey} does not exist in this environment`);
  const variant = flag.variants.find((v) => v.id === variantId);
  if (!variant) throw new Error(`variantId ${variantId} is not a variant of flag ${flagKey}`);
  return { variantId, reason, value: variant.value };
}

/**
 * The ingestion path of the track endpoints: every item is validated on its own, good items are
 * kept, bad ones are reported by index with the reason, and the request is answered only after
 * its items are committed (group commit shares one transaction among concurrent requests).
 */
export class RawIngest {
  /**
   * Earliest time already written per exposure key, so the many repeated impressions of a user
   * (SDKs send one per flag() call) cost a map lookup, not a write. Bounded: dropped whole when full.
   */
  private readonly exposed = new Map<string, string>();

  constructor(
    private readonly commit: GroupCommit,
    private readonly snapshots: FlagSnapshots,
    private readonly retentionDays: number,
    /** Whether someone watches an environment's live tail (then stored rows come back). */
    private readonly watching: (environmentId: number) => boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stores a request's events, sent as JSON text: the writer parses and validates them (on its
   * own thread) and answers with what became of each item once the valid ones are committed.
   */
  async events(
    environmentId: number,
    source: "server" | "client",
    text: string,
  ): Promise<IngestResult> {
    const result = await this.commit.submit({
      eventBatch: {
        text,
        environmentId,
        source,
        receivedAt: this.now(),
        retentionDays: this.retentionDays,
        returnRows: this.watching(environmentId),
      },
    });
    const { refusal } = result;
    if (refusal) throw SdkError.of(refusal);
    return {
      accepted: result.accepted ?? 0,
      duplicates: result.duplicates.length,
      rejected: result.rejected ?? [],
    };
  }

  /**
   * Stores impressions. From the FlagSync-compatible endpoints they carry the served value,
   * mapped back to a variant here; from our own endpoint (`own`) they carry the variant id and
   * the reason, which are checked against the flag's configuration instead.
   */
  async impressions(
    environmentId: number,
    source: "server" | "client",
    body: unknown,
    own = false,
  ): Promise<IngestResult> {
    const checked = batchOf(body, "impressions", source);
    if ("problem" in checked) throw SdkError.of(checked.problem);
    const { items, shared } = checked;
    const receivedAt = this.now();
    const received = new Date(receivedAt).toISOString();
    const rejected: IngestResult["rejected"] = [];
    const rows: ImpressionRow[] = [];
    // Values map back to variants through the flag's configuration when the impression arrives.
    const snapshot = await this.snapshots.get(environmentId);
    const firsts = new Map<string, ExposureRow>();
    items.forEach((item, index) => {
      try {
        const impression = validateImpression(item, shared, index, receivedAt, this.retentionDays);
        const entry = snapshot.flags.get(impression.flagKey);
        const flag = entry?.flag;
        let variantId: number | null;
        let reason: string | null = null;
        if (own) {
          const served = servedVariant(item as Record<string, unknown>, impression.flagKey, flag);
          variantId = served.variantId;
          reason = served.reason;
          if ((item as { flagValue?: unknown }).flagValue === undefined)
            impression.valueJson = JSON.stringify({ value: served.value });
        } else {
          variantId = entry?.variantOf((item as { flagValue?: unknown }).flagValue) ?? null;
        }
        // What the server would have served, to tell randomised users from the rest and to
        // find SDKs that served something else (not ready, stale, bootstrapped).
        const derived = entry
          ? derivedServing(entry, impression.timestamp, impression.context)
          : null;
        // Our own SDK says why it served what it did; the others are judged by the derivation.
        const why = (reason as EvaluationReason | null) ?? derived?.reason ?? null;
        const at = new Date(impression.timestamp).toISOString();
        rows.push({
          environment_id: environmentId,
          flag_key: impression.flagKey,
          user_key: impression.userKey,
          flag_value: impression.valueJson,
          variant_id: variantId,
          reason,
          derived_variant_id: derived?.variantId ?? null,
          derived_reason: derived?.reason ?? null,
          context: impression.contextJson,
          timestamp: at,
          received_at: received,
          source,
        });
        const exposureVariant = exposureVariantId(variantId, why);
        const exposure = `${environmentId}\u0000${impression.flagKey}\u0000${impression.userKey}\u0000${exposureVariant}`;
        const known = this.exposed.get(exposure);
        if (known !== undefined && known <= at) return;
        const pending = firsts.get(exposure);
        if (pending && (pending.first_at as string) <= at) return;
        firsts.set(exposure, {
          environment_id: environmentId,
          flag_key: impression.flagKey,
          user_key: impression.userKey,
          variant_id: exposureVariant,
          first_at: at,
        });
      } catch (error) {
        rejected.push({ index, reason: error instanceof Error ? error.message : "invalid" });
      }
    });
    const exposures = [...firsts.values()];
    await this.commit.submit({ impressions: rows, exposures });
    if (this.exposed.size + firsts.size > MAX_REMEMBERED_EXPOSURES) this.exposed.clear();
    for (const [key, row] of firsts) this.exposed.set(key, row.first_at as string);
    return { accepted: rows.length, duplicates: 0, rejected };
  }
}
