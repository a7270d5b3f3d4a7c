import {
  type CompiledFlag,
  compileFlag,
  type EvaluationContext,
  type EvaluationReason,
  type EvaluationResult,
  evaluateCompiled,
  type FeatureFlagEnvironmentDetailDto,
  type Flag,
  type FlagDetails,
  fromFlagSyncDetail,
  toFlagSyncDetail,
  type VariantLookup,
  variantLookup,
} from "@flagsync-oss/core";
import type { FlagRepository } from "../flags/flag-repository.js";

/** The later of two ISO times. */
function later(a: string, b: string): string {
  if (a > b) return a;
  return b;
}

/** Everything the SDK path serves for one environment, built once per change. */
/** A live flag of a snapshot. */
export interface SnapshotFlag {
  flag: Flag;
  compiled: CompiledFlag;
  variantOf: VariantLookup;
  /**
   * The flag's versions in the environment still able to judge an arriving impression, oldest
   * first, each from the time (ms) it came into force; the last is the current one.
   */
  versions: readonly { from: number; compiled: CompiledFlag }[];
}

/**
 * What the server derives an impression's SDK served: the flag version in force at the
 * impression's time (the current one for times before the first version, e.g. clock skew or
 * imported history) evaluated for the impression's context.
 */
export function derivedServing(
  entry: SnapshotFlag,
  at: number,
  context: EvaluationContext,
): { variantId: number | null; reason: EvaluationReason } {
  let compiled = entry.compiled;
  for (let i = entry.versions.length - 1; i >= 0; i--) {
    const version = entry.versions[i];
    if (version && version.from <= at) {
      compiled = version.compiled;
      break;
    }
  }
  const result = evaluateCompiled(compiled, context);
  return { variantId: result.variantId ?? null, reason: result.reason };
}

export interface EvaluateAllOptions {
  keys?: Iterable<string> | undefined;
  removed?: ReadonlyMap<string, FeatureFlagEnvironmentDetailDto> | undefined;
  onEvaluated?: (n: number) => void;
  /**
   * Each flag as a {@link FlagDetails} (our SDK's form) instead of its value (FlagSync's); a
   * `removed` flag as null, since our SDK can drop a flag.
   */
  details?: boolean;
}

/**
 * The JSON text of each shared evaluation result, in each form: core gives one frozen result to
 * every evaluation that ends in the same outcome, so a flag's few outcomes are serialised once
 * each, not once per user.
 */
const resultJson = {
  values: new WeakMap<EvaluationResult, string>(),
  details: new WeakMap<EvaluationResult, string>(),
};

function jsonOf(result: EvaluationResult, details: boolean | undefined): string {
  const cache = details ? resultJson.details : resultJson.values;
  let json = cache.get(result);
  if (json === undefined) {
    json = JSON.stringify(
      details
        ? ({
            // No variant could be served: the SDK serves its caller's default.
            value: result.variantId === undefined ? null : result.value,
            variant: result.variantKey ?? null,
            variantId: result.variantId ?? null,
            reason: result.reason,
            ruleId: result.ruleId ?? null,
            errorCode: result.errorCode ?? null,
          } satisfies FlagDetails)
        : result.value,
    );
    // Errors' results are made per evaluation: nothing to share.
    if (Object.isFrozen(result)) cache.set(result, json);
  }
  return json;
}

/**
 * Every live flag of a snapshot (or the `keys` of them) evaluated for one user, as the JSON text
 * of a client SDK's flag map (`{key: value}`, or `{key: FlagDetails}` with `details`), for its
 * requests and its streams. `removed`: flags gone from the snapshot, still evaluated by their
 * last form (a stream tells FlagSync's clients their last values, and ours null).
 */
export function evaluateAllJson(
  snapshot: Snapshot,
  context: EvaluationContext,
  options: EvaluateAllOptions = {},
): string {
  let json = "";
  let n = 0;
  for (const key of options.keys ?? snapshot.flags.keys()) {
    const entry = snapshot.flags.get(key);
    const gone = options.removed?.get(key);
    let value: string;
    if (!entry && gone && options.details) value = "null";
    else {
      const compiled =
        entry?.compiled ?? (gone ? compileFlag(fromFlagSyncDetail(gone)) : undefined);
      if (!compiled) continue;
      value = jsonOf(evaluateCompiled(compiled, context), options.details);
      n++;
    }
    json += `${json ? "," : "{"}${JSON.stringify(key)}:${value}`;
  }
  options.onEvaluated?.(n);
  return json ? `${json}}` : "{}";
}

export interface Snapshot {
  environmentId: number;
  /** Live flags by key, in core's model, with their compiled form for evaluation. */
  flags: ReadonlyMap<string, SnapshotFlag>;
  /** The wire form of each flag, for /sdk/rules and server streams. */
  details: ReadonlyMap<string, FeatureFlagEnvironmentDetailDto>;
  /** The /sdk/rules body, serialised once. */
  rulesBody: string;
}

/**
 * Caches per-environment snapshots so SDK requests never query the database; a change drops
 * the environment's snapshot and the next request (or stream push) rebuilds it.
 */
export class FlagSnapshots {
  private readonly cache = new Map<number, Promise<Snapshot>>();
  /** Last built snapshot per environment, to describe flags that disappear. */
  private readonly previous = new Map<number, Snapshot>();

  constructor(
    private readonly flags: FlagRepository,
    private readonly workspaceOf: (environmentId: number) => Promise<number | undefined>,
    /** How far back impressions are accepted: older versions judge none. */
    private readonly retentionDays = 90,
  ) {}

  get(environmentId: number): Promise<Snapshot> {
    let snapshot = this.cache.get(environmentId);
    if (!snapshot) {
      snapshot = this.build(environmentId);
      this.cache.set(environmentId, snapshot);
      // A failed build must not be cached.
      snapshot.catch(() => this.cache.delete(environmentId));
    }
    return snapshot;
  }

  /**
   * Drops an environment's snapshot after a change and builds the new one; returns both, so
   * callers can describe flags that disappeared (archived or deleted).
   */
  async changed(environmentId: number): Promise<{ before: Snapshot | undefined; after: Snapshot }> {
    const before = this.previous.get(environmentId);
    this.cache.delete(environmentId);
    return { before, after: await this.get(environmentId) };
  }

  /** Drops an environment's snapshot after a change: the next `get` builds it. */
  drop(environmentId: number): void {
    this.cache.delete(environmentId);
  }

  /** Drops every snapshot (after a reconnect, when changes may have been missed). */
  clear(): void {
    this.cache.clear();
  }

  private async build(environmentId: number): Promise<Snapshot> {
    const workspaceId = (await this.workspaceOf(environmentId)) ?? 0;
    const rows = await this.flags.listForEnvironment(environmentId);
    const since = new Date(Date.now() - this.retentionDays * 86_400_000).toISOString();
    const versions = new Map<string, { from: number; compiled: CompiledFlag }[]>();
    for (const version of await this.flags.versions(environmentId, since)) {
      let list = versions.get(version.flagKey);
      if (!list) {
        list = [];
        versions.set(version.flagKey, list);
      }
      list.push({ from: Date.parse(version.inForceFrom), compiled: compileFlag(version.flag) });
    }
    const flags = new Map<string, SnapshotFlag>();
    const details = new Map<string, FeatureFlagEnvironmentDetailDto>();
    const body: Record<string, FeatureFlagEnvironmentDetailDto> = {};
    for (const { flag: record, state } of rows) {
      const flag: Flag = {
        key: record.key,
        type: record.type,
        variants: record.variants,
        state: state.state,
      };
      const compiled = compileFlag(flag);
      flags.set(flag.key, {
        flag,
        compiled,
        variantOf: variantLookup(flag.variants),
        versions: versions.get(flag.key) ?? [{ from: 0, compiled }],
      });
      const detail = toFlagSyncDetail(flag, {
        organizationId: 1,
        workspaceId,
        environmentId,
        flagId: record.id,
        stateId: record.id,
        name: record.name,
        description: record.description,
        createdAt: record.createdAt,
        updatedAt: later(state.updatedAt, record.updatedAt),
      });
      details.set(flag.key, detail);
      body[flag.key] = detail;
    }
    const snapshot: Snapshot = {
      environmentId,
      flags,
      details,
      rulesBody: JSON.stringify({ flags: body }),
    };
    this.previous.set(environmentId, snapshot);
    return snapshot;
  }
}
