import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from "kysely";
import { fromJson, nowIso } from "../storage/dialects.js";
import {
  CHECKED,
  DISAGREEING_REASON,
  MISMATCHED_VARIANT,
} from "../storage/migrations/0014-reason-checks.js";
import type { ExperimentSnapshotsTable, ExperimentsTable, Tables } from "../storage/tables.js";
import { type Settings, settingsOf } from "./experiment-schemas.js";

export interface Experiment {
  id: number;
  workspaceId: number;
  key: string;
  name: string;
  hypothesis: string;
  flagKey: string;
  environmentId: number;
  baselineVariantId: number;
  variantIds: number[];
  traffic: Record<number, number>;
  primaryMetricId: number;
  secondaryMetricIds: number[];
  settings: Settings;
  status: "draft" | "running" | "stopped";
  startedAt: string | null;
  stoppedAt: string | null;
  /** Oldest first; the last is the current one. Empty for drafts. */
  phases: Phase[];
  /** Where the analysis window ends at the latest; null: at the stop, or now. */
  analysisEnd: string | null;
  decision: { decision: string; variantId: number | null; note: string } | null;
  createdAt: string;
  updatedAt: string;
}

/** A stretch of an experiment analysed on its own: from its start to the next phase's. */
export interface Phase {
  startedAt: string;
  /** Variant id → expected share of exposed users in this phase (SRM). */
  traffic: Record<number, number>;
  reason: string;
}

function toExperiment(row: Selectable<ExperimentsTable>): Experiment {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    key: row.key,
    name: row.name,
    hypothesis: row.hypothesis,
    flagKey: row.flag_key,
    environmentId: row.environment_id,
    baselineVariantId: row.baseline_variant_id,
    variantIds: fromJson<number[]>(row.variant_ids),
    traffic: fromJson<Record<number, number>>(row.traffic),
    primaryMetricId: row.primary_metric_id,
    secondaryMetricIds: fromJson<number[]>(row.secondary_metric_ids),
    settings: settingsOf(fromJson(row.settings)),
    status: row.status as Experiment["status"],
    startedAt: row.started_at,
    stoppedAt: row.stopped_at,
    phases: fromJson<Phase[]>(row.phases),
    analysisEnd: row.analysis_end,
    decision: row.decision === null ? null : fromJson(row.decision),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Per source, the users whose impressions the server's derivation contradicts. */
export interface AssignmentChecks {
  /** Served another variant than derived. */
  mismatched: Record<string, number>;
  /** Our own endpoint's reported reason differs from the derived one. */
  disagreeing: Record<string, number>;
}

/** The experiments' SQL: their rows, the result snapshots and the assignment check. */
export class ExperimentRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async list(workspaceId: number): Promise<Experiment[]> {
    const rows = await this.db
      .selectFrom("experiments")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .orderBy("id", "desc")
      .execute();
    return rows.map(toExperiment);
  }

  async get(workspaceId: number, key: string, db = this.db): Promise<Experiment | undefined> {
    const row = await db
      .selectFrom("experiments")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? toExperiment(row) : undefined;
  }

  /** The keys of the running experiments of a flag, or of those in one environment. */
  async runningKeys(
    workspaceId: number,
    flagKey: string,
    db = this.db,
    environmentId?: number,
  ): Promise<string[]> {
    let query = db
      .selectFrom("experiments")
      .select("key")
      .where("workspace_id", "=", workspaceId)
      .where("flag_key", "=", flagKey)
      .where("status", "=", "running");
    if (environmentId !== undefined) query = query.where("environment_id", "=", environmentId);
    const rows = await query.orderBy("key").execute();
    return rows.map((r) => r.key);
  }

  /** Every running experiment with its workspace, oldest first. */
  running(): Promise<{ workspaceId: number; workspaceKey: string; key: string }[]> {
    return this.db
      .selectFrom("experiments")
      .innerJoin("workspaces", "workspaces.id", "experiments.workspace_id")
      .select(["workspaces.id as workspaceId", "workspaces.key as workspaceKey", "experiments.key"])
      .where("experiments.status", "=", "running")
      .orderBy("experiments.id")
      .execute();
  }

  async insert(values: Insertable<ExperimentsTable>, db = this.db): Promise<void> {
    await db.insertInto("experiments").values(values).execute();
  }

  /** Changes an experiment's columns (and its update time). */
  async update(
    id: number,
    values: Omit<Updateable<ExperimentsTable>, "updated_at">,
    db = this.db,
  ): Promise<void> {
    await db
      .updateTable("experiments")
      .set({ ...values, updated_at: nowIso() })
      .where("id", "=", id)
      .execute();
  }

  /** The latest snapshot of a window's start. */
  latestSnapshot(
    experimentId: number,
    windowStart: string,
  ): Promise<Selectable<ExperimentSnapshotsTable> | undefined> {
    return this.db
      .selectFrom("experiment_snapshots")
      .selectAll()
      .where("experiment_id", "=", experimentId)
      .where("window_start", "=", windowStart)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
  }

  async insertSnapshot(values: Insertable<ExperimentSnapshotsTable>): Promise<void> {
    await this.db.insertInto("experiment_snapshots").values(values).execute();
  }

  /**
   * The users whose impressions of a flag in a window the derivation contradicts, per source;
   * read through their own partial index (few rows).
   */
  async assignmentChecks(
    environmentId: number,
    flagKey: string,
    window: { start: string; end: string },
  ): Promise<AssignmentChecks> {
    const rows = await this.db
      .selectFrom("raw_impressions")
      .select([
        "source",
        sql<number>`count(distinct case when ${sql.raw(MISMATCHED_VARIANT)} then user_key end)`.as(
          "mismatched",
        ),
        sql<number>`count(distinct case when ${sql.raw(DISAGREEING_REASON)} then user_key end)`.as(
          "disagreeing",
        ),
      ])
      .where("environment_id", "=", environmentId)
      .where("flag_key", "=", flagKey)
      .where("timestamp", ">=", window.start)
      .where("timestamp", "<", window.end)
      .where(sql.raw<boolean>(CHECKED))
      .groupBy("source")
      .execute();
    const perSource = (field: "mismatched" | "disagreeing") =>
      Object.fromEntries(
        rows.filter((r) => Number(r[field]) > 0).map((r) => [r.source, Number(r[field])]),
      );
    return { mismatched: perSource("mismatched"), disagreeing: perSource("disagreeing") };
  }
}
