import type { Flag, FlagState, FlagType, Variant } from "@flagsync-oss/core";
import { type Kysely, type Selectable, sql } from "kysely";
import { fromJson, nowIso, toJson } from "../storage/dialects.js";
import type { FlagStatesTable, FlagsTable, Tables } from "../storage/tables.js";

/** A flag as stored: its identity and variants, the same in every environment. */
export interface FlagRecord {
  id: number;
  workspaceId: number;
  key: string;
  name: string;
  description: string;
  type: FlagType;
  variants: Variant[];
  tags: string[];
  nextVariantId: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A flag's state in one environment, in core's model, with bookkeeping. */
export interface FlagStateRecord {
  flagId: number;
  environmentId: number;
  state: FlagState;
  nextRuleId: number;
  version: number;
  updatedAt: string;
}

/** Filters of the flag list. */
export interface FlagListQuery {
  search?: string | undefined;
  /** Only flags carrying this tag. */
  tag?: string | undefined;
  archived?: boolean | undefined;
  type?: FlagType | undefined;
  limit: number;
  /** Return flags with keys after this one (keyset pagination). */
  after?: string | undefined;
}

function toFlag(row: Selectable<FlagsTable>): FlagRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    key: row.key,
    name: row.name,
    description: row.description,
    type: row.type as FlagType,
    variants: fromJson<Variant[]>(row.variants),
    tags: fromJson<string[]>(row.tags ?? "[]"),
    nextVariantId: row.next_variant_id,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toState(row: Selectable<FlagStatesTable>): FlagStateRecord {
  return {
    flagId: row.flag_id,
    environmentId: row.environment_id,
    state: {
      enabled: row.enabled === 1,
      offVariantId: row.off_variant_id,
      onVariantId: row.on_variant_id,
      seed: row.seed,
      rollout: fromJson(row.rollout),
      rules: fromJson(row.rules),
    },
    nextRuleId: row.next_rule_id,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** The stored columns of a state, for inserts and updates alike. */
function stateColumns(record: FlagStateRecord) {
  return {
    enabled: record.state.enabled ? 1 : 0,
    off_variant_id: record.state.offVariantId,
    on_variant_id: record.state.onVariantId,
    seed: record.state.seed,
    rollout: toJson(record.state.rollout) as string,
    rules: toJson(record.state.rules) as string,
    next_rule_id: record.nextRuleId,
    version: record.version,
    updated_at: record.updatedAt,
  };
}

/** Reads and writes flags and their per-environment states. */
export class FlagRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async get(
    workspaceId: number,
    key: string,
    db: Kysely<Tables> = this.db,
  ): Promise<FlagRecord | undefined> {
    const row = await db
      .selectFrom("flags")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? toFlag(row) : undefined;
  }

  /** Every flag of a workspace, archived ones too. */
  async all(workspaceId: number, db: Kysely<Tables> = this.db): Promise<FlagRecord[]> {
    const rows = await db
      .selectFrom("flags")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .orderBy("key")
      .execute();
    return rows.map(toFlag);
  }

  async list(workspaceId: number, query: FlagListQuery): Promise<FlagRecord[]> {
    let select = this.db.selectFrom("flags").selectAll().where("workspace_id", "=", workspaceId);
    if (query.archived !== undefined) {
      select = select.where("archived_at", query.archived ? "is not" : "is", null);
    }
    if (query.type) select = select.where("type", "=", query.type);
    if (query.search) {
      const pattern = `%${query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // The escape character named: SQLite has none by default (PostgreSQL's is the backslash).
      select = select.where(
        sql<boolean>`(lower(key) like ${pattern} escape '\\' or lower(name) like ${pattern} escape '\\')`,
      );
    }
    // Tags hold no quote, % or _ (see TagSchema): the quoted tag in the JSON text is the element.
    if (query.tag)
      select = select.where(sql`cast(tags as text)`, "like", `%${JSON.stringify(query.tag)}%`);
    if (query.after) select = select.where("key", ">", query.after);
    const rows = await select.orderBy("key").limit(query.limit).execute();
    return rows.map(toFlag);
  }

  async insert(record: Omit<FlagRecord, "id">, db: Kysely<Tables> = this.db): Promise<FlagRecord> {
    const row = await db
      .insertInto("flags")
      .values({
        workspace_id: record.workspaceId,
        key: record.key,
        name: record.name,
        description: record.description,
        type: record.type,
        variants: toJson(record.variants),
        tags: toJson(record.tags),
        next_variant_id: record.nextVariantId,
        archived_at: record.archivedAt,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toFlag(row);
  }

  async update(record: FlagRecord, db: Kysely<Tables> = this.db): Promise<void> {
    await db
      .updateTable("flags")
      .set({
        name: record.name,
        description: record.description,
        variants: toJson(record.variants),
        tags: toJson(record.tags),
        next_variant_id: record.nextVariantId,
        archived_at: record.archivedAt,
        updated_at: record.updatedAt,
      })
      .where("id", "=", record.id)
      .execute();
  }

  async remove(id: number, db: Kysely<Tables> = this.db): Promise<void> {
    await db.deleteFrom("flag_states").where("flag_id", "=", id).execute();
    await db.deleteFrom("flags").where("id", "=", id).execute();
  }

  async states(flagId: number, db: Kysely<Tables> = this.db): Promise<FlagStateRecord[]> {
    const rows = await db
      .selectFrom("flag_states")
      .selectAll()
      .where("flag_id", "=", flagId)
      .execute();
    return rows.map(toState);
  }

  async state(
    flagId: number,
    environmentId: number,
    db: Kysely<Tables> = this.db,
  ): Promise<FlagStateRecord | undefined> {
    const row = await db
      .selectFrom("flag_states")
      .selectAll()
      .where("flag_id", "=", flagId)
      .where("environment_id", "=", environmentId)
      .executeTakeFirst();
    return row ? toState(row) : undefined;
  }

  /** The state version of each named flag in an environment, in one query (absent: no state). */
  async stateVersions(
    workspaceId: number,
    environmentId: number,
    flagKeys: readonly string[],
  ): Promise<Map<string, number>> {
    if (flagKeys.length === 0) return new Map();
    const rows = await this.db
      .selectFrom("flag_states")
      .innerJoin("flags", "flags.id", "flag_states.flag_id")
      .select(["flags.key as key", "flag_states.version as version"])
      .where("flags.workspace_id", "=", workspaceId)
      .where("flag_states.environment_id", "=", environmentId)
      .where("flags.key", "in", [...new Set(flagKeys)])
      .execute();
    return new Map(rows.map((r) => [r.key, Number(r.version)]));
  }

  /** Stores a flag's new state in an environment, and it as the flag's first version there. */
  async insertState(
    flag: FlagRecord,
    record: FlagStateRecord,
    db: Kysely<Tables> = this.db,
  ): Promise<void> {
    await db
      .insertInto("flag_states")
      .values({
        flag_id: record.flagId,
        environment_id: record.environmentId,
        ...stateColumns(record),
      })
      .execute();
    await this.recordVersions(flag, [record], db);
  }

  /**
   * Writes a state if its stored version is still `expectedVersion`, and records it as the
   * flag's version in force from now; returns whether it did.
   */
  async updateState(
    flag: FlagRecord,
    record: FlagStateRecord,
    expectedVersion: number,
    db: Kysely<Tables> = this.db,
  ): Promise<boolean> {
    const result = await db
      .updateTable("flag_states")
      .set(stateColumns(record))
      .where("flag_id", "=", record.flagId)
      .where("environment_id", "=", record.environmentId)
      .where("version", "=", expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await this.recordVersions(flag, [record], db);
    return true;
  }

  /** Records the flag's evaluable form in these states' environments, in force from now. */
  async recordVersions(
    flag: FlagRecord,
    states: readonly FlagStateRecord[],
    db: Kysely<Tables> = this.db,
  ): Promise<void> {
    if (states.length === 0) return;
    const now = nowIso();
    await db
      .insertInto("flag_versions")
      .values(
        states.map((record) => ({
          environment_id: record.environmentId,
          flag_key: flag.key,
          in_force_from: now,
          flag: toJson({
            key: flag.key,
            type: flag.type,
            variants: flag.variants,
            state: record.state,
          }) as string,
        })),
      )
      .execute();
  }

  /**
   * The versions of an environment's flags, oldest first per flag. Only the last one before
   * `since` and those after it: older versions judge no impression that can still arrive.
   */
  async versions(
    environmentId: number,
    since: string,
  ): Promise<{ flagKey: string; inForceFrom: string; flag: Flag }[]> {
    const rows = await this.db
      .selectFrom("flag_versions")
      .select(["flag_key", "in_force_from", "flag"])
      .where("environment_id", "=", environmentId)
      .orderBy("flag_key")
      .orderBy("in_force_from")
      .orderBy("id")
      .execute();
    const kept: { flagKey: string; inForceFrom: string; flag: Flag }[] = [];
    rows.forEach((row, i) => {
      const next = rows[i + 1];
      const supersededBeforeSince =
        next !== undefined && next.flag_key === row.flag_key && next.in_force_from <= since;
      if (!supersededBeforeSince)
        kept.push({
          flagKey: row.flag_key,
          inForceFrom: row.in_force_from,
          flag: fromJson<Flag>(row.flag),
        });
    });
    return kept;
  }

  /** Every live (not archived) flag of an environment with its state there: what SDKs receive. */
  async listForEnvironment(
    environmentId: number,
  ): Promise<{ flag: FlagRecord; state: FlagStateRecord }[]> {
    const rows = await this.db
      .selectFrom("flag_states")
      .innerJoin("flags", "flags.id", "flag_states.flag_id")
      .selectAll("flags")
      .select([
        "flag_states.flag_id",
        "flag_states.environment_id",
        "flag_states.enabled",
        "flag_states.off_variant_id",
        "flag_states.on_variant_id",
        "flag_states.seed",
        "flag_states.rollout",
        "flag_states.rules",
        "flag_states.next_rule_id",
        "flag_states.version",
        "flag_states.updated_at as state_updated_at",
      ])
      .where("flag_states.environment_id", "=", environmentId)
      .where("flags.archived_at", "is", null)
      .orderBy("flags.key")
      .execute();
    return rows.map((row) => ({
      flag: toFlag(row),
      state: toState({ ...row, updated_at: row.state_updated_at }),
    }));
  }
}
