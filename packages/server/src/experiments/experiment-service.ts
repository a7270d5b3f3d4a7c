import type { Kysely, Selectable } from "kysely";
import type { AuditRepository } from "../audit/audit-repository.js";
import type { FlagRecord, FlagRepository } from "../flags/flag-repository.js";
import type { Actor } from "../flags/flag-service.js";
import { AppError, type FieldError } from "../http/errors.js";
import { fromJson, nowIso, toJson } from "../storage/dialects.js";
import type { ExperimentsTable, Tables } from "../storage/tables.js";
import type {
  Environment,
  Workspace,
  WorkspaceRepository,
} from "../workspaces/workspace-repository.js";
import { assembleResult, type ExperimentResult, type VariantRef } from "./analysis.js";
import type { AnalysisRunner } from "./analysis-runner.js";
import {
  type ExperimentCreate,
  type ExperimentUpdate,
  type ExperimentView,
  type Settings,
  settingsOf,
} from "./experiment-schemas.js";
import { experimentWarnings } from "./experiment-warnings.js";
import type { Metric, MetricService } from "./metric-service.js";

interface Experiment {
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
  decision: { decision: string; variantId: number | null; note: string } | null;
  createdAt: string;
  updatedAt: string;
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
    decision: row.decision === null ? null : fromJson(row.decision),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A stored result with when and how fast it was computed. */
export interface Snapshot {
  computedAt: string;
  durationMs: number;
  result: ExperimentResult;
}

/**
 * Experiments: a flag's variants compared on metrics in one environment. Lifecycle draft →
 * running (start time) → stopped (stop time and decision); every change is audited. Results are
 * computed on demand and kept as snapshots; a refresh computes a new one.
 */
export class ExperimentService {
  constructor(
    private readonly db: Kysely<Tables>,
    /** Runs the database side of analyses (on SQLite in threads of their own). */
    private readonly analyses: Pick<AnalysisRunner, "run" | "warm">,
    private readonly flags: FlagRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly metrics: MetricService,
    private readonly audit: AuditRepository,
    private readonly retentionDays: number,
  ) {}

  private async flagOf(workspace: Workspace, key: string, db = this.db): Promise<FlagRecord> {
    const flag = await this.flags.get(workspace.id, key, db);
    if (!flag)
      throw new AppError("flag_not_found", `Flag "${key}" does not exist`, [
        { field: "body.flag", message: "no such flag" },
      ]);
    return flag;
  }

  private variantId(flag: FlagRecord, key: string, field: string): number {
    const variant = flag.variants.find((v) => v.key === key);
    if (!variant)
      throw new AppError("validation_failed", `Flag "${flag.key}" has no variant "${key}"`, [
        { field, message: `not a variant of flag ${flag.key}` },
      ]);
    return variant.id;
  }

  async view(experiment: Experiment, db = this.db): Promise<ExperimentView> {
    const workspace = { id: experiment.workspaceId } as Workspace;
    const flag = await this.flags.get(workspace.id, experiment.flagKey, db);
    const keyOf = (id: number) => flag?.variants.find((v) => v.id === id)?.key ?? `#${id}`;
    const environment = (await this.workspaces.listEnvironments(workspace.id, db)).find(
      (e) => e.id === experiment.environmentId,
    );
    const metrics = await this.metrics.byIds(
      [experiment.primaryMetricId, ...experiment.secondaryMetricIds],
      db,
    );
    const metricKey = (id: number) => metrics.find((m) => m.id === id)?.key ?? `#${id}`;
    return {
      key: experiment.key,
      name: experiment.name,
      hypothesis: experiment.hypothesis,
      flag: experiment.flagKey,
      environment: environment?.key ?? `#${experiment.environmentId}`,
      baseline: keyOf(experiment.baselineVariantId),
      variants: experiment.variantIds.map(keyOf),
      primaryMetric: metricKey(experiment.primaryMetricId),
      secondaryMetrics: experiment.secondaryMetricIds.map(metricKey),
      settings: experiment.settings,
      traffic: Object.fromEntries(
        Object.entries(experiment.traffic).map(([id, share]) => [keyOf(Number(id)), share]),
      ),
      status: experiment.status,
      startedAt: experiment.startedAt,
      stoppedAt: experiment.stoppedAt,
      decision: experiment.decision
        ? {
            decision: experiment.decision.decision,
            variant:
              experiment.decision.variantId === null ? null : keyOf(experiment.decision.variantId),
            note: experiment.decision.note,
          }
        : null,
      createdAt: experiment.createdAt,
      updatedAt: experiment.updatedAt,
    };
  }

  /** A view with the warnings about the flag's current state, for drafts and running ones. */
  async viewWithWarnings(experiment: Experiment, db = this.db): Promise<ExperimentView> {
    const view = await this.view(experiment, db);
    if (experiment.status === "stopped") return view;
    const flag = await this.flags.get(experiment.workspaceId, experiment.flagKey, db);
    const state = flag ? await this.flags.state(flag.id, experiment.environmentId, db) : undefined;
    const ids = [experiment.baselineVariantId, ...experiment.variantIds];
    const warnings = experimentWarnings({
      flag: experiment.flagKey,
      environment: view.environment,
      state: state?.state,
      variants: ids.map((id) => ({
        id,
        key: flag?.variants.find((v) => v.id === id)?.key ?? `#${id}`,
      })),
      traffic: experiment.traffic,
    });
    return { ...view, warnings };
  }

  async list(workspace: Workspace): Promise<ExperimentView[]> {
    const rows = await this.db
      .selectFrom("experiments")
      .selectAll()
      .where("workspace_id", "=", workspace.id)
      .orderBy("id", "desc")
      .execute();
    return Promise.all(rows.map((row) => this.view(toExperiment(row))));
  }

  /** The keys of the running experiments of a flag (archiving or deleting it would end them). */
  async runningWith(workspaceId: number, flagKey: string, db = this.db): Promise<string[]> {
    const rows = await db
      .selectFrom("experiments")
      .select("key")
      .where("workspace_id", "=", workspaceId)
      .where("flag_key", "=", flagKey)
      .where("status", "=", "running")
      .orderBy("key")
      .execute();
    return rows.map((r) => r.key);
  }

  async require(workspace: Workspace, key: string, db = this.db): Promise<Experiment> {
    const row = await db
      .selectFrom("experiments")
      .selectAll()
      .where("workspace_id", "=", workspace.id)
      .where("key", "=", key)
      .executeTakeFirst();
    if (!row)
      throw new AppError(
        "not_found",
        `Experiment "${key}" does not exist in workspace "${workspace.key}"`,
      );
    return toExperiment(row);
  }

  /** Variant ids, metric ids and traffic of a definition, checked field by field. */
  private async resolve(
    workspace: Workspace,
    flag: FlagRecord,
    input: {
      baseline: string;
      variants?: string[] | undefined;
      primaryMetric: string;
      secondaryMetrics?: string[] | undefined;
      traffic?: Record<string, number> | undefined;
    },
    db: Kysely<Tables>,
  ) {
    const errors: FieldError[] = [];
    const find = (key: string, field: string): number | undefined => {
      const variant = flag.variants.find((v) => v.key === key);
      if (!variant) errors.push({ field, message: `not a variant of flag ${flag.key}` });
      return variant?.id;
    };
    const baseline = find(input.baseline, "body.baseline");
    const compared = (
      input.variants ?? flag.variants.map((v) => v.key).filter((k) => k !== input.baseline)
    )
      .map((key, i) => find(key, `body.variants[${i}]`))
      .filter((id): id is number => id !== undefined);
    if (baseline !== undefined && compared.includes(baseline))
      errors.push({ field: "body.variants", message: "must not include the baseline" });
    if (new Set(compared).size !== compared.length)
      errors.push({ field: "body.variants", message: "lists a variant twice" });
    if (compared.length === 0 && errors.length === 0)
      errors.push({ field: "body.variants", message: "needs at least one variant to compare" });
    const metricIds: number[] = [];
    const metricKeys = [input.primaryMetric, ...(input.secondaryMetrics ?? [])];
    for (const [i, key] of metricKeys.entries()) {
      const field = i === 0 ? "body.primaryMetric" : `body.secondaryMetrics[${i - 1}]`;
      const metric = await db
        .selectFrom("metrics")
        .select("id")
        .where("workspace_id", "=", workspace.id)
        .where("key", "=", key)
        .executeTakeFirst();
      if (!metric) errors.push({ field, message: `no metric "${key}"` });
      else if (metricIds.includes(metric.id))
        errors.push({ field, message: "lists a metric twice" });
      else metricIds.push(metric.id);
    }
    let traffic: Record<number, number> = {};
    if (input.traffic) {
      for (const [key, share] of Object.entries(input.traffic)) {
        const id = find(key, `body.traffic.${key}`);
        if (id !== undefined) traffic[id] = share;
      }
    }
    if (errors.length > 0)
      throw new AppError("validation_failed", `Invalid experiment: ${errors[0]?.message}`, errors);
    const all = [baseline as number, ...compared];
    if (input.traffic) {
      const missing = all.filter((id) => !((traffic[id] ?? 0) > 0));
      if (missing.length > 0)
        throw new AppError(
          "validation_failed",
          "Invalid experiment: traffic needs a share for every analysed variant",
          [
            {
              field: "body.traffic",
              message: "needs a positive share for the baseline and every compared variant",
            },
          ],
        );
      traffic = Object.fromEntries(all.map((id) => [id, traffic[id] ?? 0]));
    }
    return {
      baseline: baseline as number,
      compared,
      primaryMetricId: metricIds[0] as number,
      secondaryMetricIds: metricIds.slice(1),
      traffic: input.traffic ? traffic : null,
    };
  }

  async create(
    workspace: Workspace,
    input: ExperimentCreate,
    actor: Actor,
  ): Promise<ExperimentView> {
    return this.db.transaction().execute(async (trx) => {
      const environment = await this.workspaces.getEnvironment(
        workspace.id,
        input.environment,
        trx,
      );
      if (!environment)
        throw new AppError(
          "environment_not_found",
          `Environment "${input.environment}" does not exist`,
          [{ field: "body.environment", message: "no such environment" }],
        );
      const flag = await this.flagOf(workspace, input.flag, trx);
      const taken = await trx
        .selectFrom("experiments")
        .select("id")
        .where("workspace_id", "=", workspace.id)
        .where("key", "=", input.key)
        .executeTakeFirst();
      if (taken)
        throw new AppError("conflict", `Experiment "${input.key}" already exists`, [
          { field: "body.key", message: "is taken" },
        ]);
      const resolved = await this.resolve(workspace, flag, input, trx);
      const now = nowIso();
      await trx
        .insertInto("experiments")
        .values({
          workspace_id: workspace.id,
          key: input.key,
          name: input.name ?? input.key,
          hypothesis: input.hypothesis ?? "",
          flag_key: flag.key,
          environment_id: environment.id,
          baseline_variant_id: resolved.baseline,
          variant_ids: toJson(resolved.compared) ?? "[]",
          traffic: toJson(resolved.traffic ?? {}) ?? "{}",
          primary_metric_id: resolved.primaryMetricId,
          secondary_metric_ids: toJson(resolved.secondaryMetricIds) ?? "[]",
          settings: toJson(settingsOf(input.settings)) ?? "{}",
          status: "draft",
          started_at: null,
          stopped_at: null,
          decision: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const experiment = await this.require(workspace, input.key, trx);
      const created = await this.view(experiment, trx);
      await this.record(workspace, actor, "experiment.created", input.key, null, created, trx);
      return this.viewWithWarnings(experiment, trx);
    });
  }

  private record(
    workspace: Workspace,
    actor: Actor,
    action: string,
    key: string,
    before: unknown,
    after: unknown,
    db: Kysely<Tables>,
  ): Promise<void> {
    return this.audit.record(
      {
        workspaceId: workspace.id,
        actor: actor.name,
        action,
        resourceType: "experiment",
        resourceKey: key,
        before,
        after,
      },
      db,
    );
  }

  async update(
    workspace: Workspace,
    key: string,
    input: ExperimentUpdate,
    actor: Actor,
  ): Promise<ExperimentView> {
    return this.db.transaction().execute(async (trx) => {
      const experiment = await this.require(workspace, key, trx);
      const before = await this.view(experiment, trx);
      const definitionChanges = [
        "baseline",
        "variants",
        "primaryMetric",
        "secondaryMetrics",
        "traffic",
      ].filter((field) => input[field as keyof ExperimentUpdate] !== undefined);
      if (experiment.status !== "draft" && definitionChanges.length > 0)
        throw new AppError(
          "conflict",
          `The ${definitionChanges.join(", ")} of a ${experiment.status} experiment cannot change`,
          definitionChanges.map((field) => ({
            field: `body.${field}`,
            message: "fixed once started",
          })),
        );
      const flag = await this.flagOf(workspace, experiment.flagKey, trx);
      const resolved = await this.resolve(
        workspace,
        flag,
        {
          baseline: input.baseline ?? before.baseline,
          variants: input.variants ?? (input.baseline ? undefined : before.variants),
          primaryMetric: input.primaryMetric ?? before.primaryMetric,
          secondaryMetrics: input.secondaryMetrics ?? before.secondaryMetrics,
          traffic:
            input.traffic ?? (Object.keys(before.traffic).length > 0 ? before.traffic : undefined),
        },
        trx,
      );
      await trx
        .updateTable("experiments")
        .set({
          name: input.name ?? experiment.name,
          hypothesis: input.hypothesis ?? experiment.hypothesis,
          baseline_variant_id: resolved.baseline,
          variant_ids: toJson(resolved.compared) ?? "[]",
          traffic: toJson(resolved.traffic ?? {}) ?? "{}",
          primary_metric_id: resolved.primaryMetricId,
          secondary_metric_ids: toJson(resolved.secondaryMetricIds) ?? "[]",
          settings: toJson(settingsOf(input.settings, experiment.settings)) ?? "{}",
          updated_at: nowIso(),
        })
        .where("id", "=", experiment.id)
        .execute();
      const after = await this.view(await this.require(workspace, key, trx), trx);
      await this.record(workspace, actor, "experiment.updated", key, before, after, trx);
      return after;
    });
  }

  /** Draft → running. The window starts now, or at `startedAt` (not in the future). */
  async start(
    workspace: Workspace,
    key: string,
    startedAt: string | undefined,
    actor: Actor,
  ): Promise<ExperimentView> {
    const started = await this.db.transaction().execute(async (trx) => {
      const experiment = await this.require(workspace, key, trx);
      if (experiment.status !== "draft")
        throw new AppError("conflict", `Experiment "${key}" is ${experiment.status}, not a draft`);
      const now = Date.now();
      const start = startedAt === undefined ? now : Date.parse(startedAt);
      if (!Number.isFinite(start) || start > now || start < now - this.retentionDays * 86_400_000)
        throw new AppError(
          "validation_failed",
          "Invalid start: startedAt must lie within the retention and not in the future",
          [
            {
              field: "body.startedAt",
              message: `must be between ${this.retentionDays} days ago and now`,
            },
          ],
        );
      const before = await this.view(experiment, trx);
      let traffic = experiment.traffic;
      if (Object.keys(traffic).length === 0) traffic = await this.trafficFromFlag(experiment, trx);
      await trx
        .updateTable("experiments")
        .set({
          status: "running",
          started_at: new Date(start).toISOString(),
          traffic: toJson(traffic) ?? "{}",
          updated_at: nowIso(),
        })
        .where("id", "=", experiment.id)
        .execute();
      const running = await this.require(workspace, key, trx);
      const after = await this.view(running, trx);
      await this.record(workspace, actor, "experiment.started", key, before, after, trx);
      return this.viewWithWarnings(running, trx);
    });
    // A running experiment's results are asked for soon: the analysis starts up now, off
    // that request's path.
    this.analyses.warm();
    return started;
  }

  /** The expected split: the flag's rollout in the environment over the analysed variants, else even. */
  private async trafficFromFlag(
    experiment: Experiment,
    db: Kysely<Tables>,
  ): Promise<Record<number, number>> {
    const ids = [experiment.baselineVariantId, ...experiment.variantIds];
    const flag = await this.flags.get(experiment.workspaceId, experiment.flagKey, db);
    const state = flag ? await this.flags.state(flag.id, experiment.environmentId, db) : undefined;
    const rollout = state?.state.rollout ?? [];
    const shares = ids.map((id) =>
      rollout.filter((e) => e.variantId === id).reduce((sum, e) => sum + e.percentage, 0),
    );
    if (shares.every((s) => s > 0))
      return Object.fromEntries(ids.map((id, i) => [id, shares[i] ?? 0]));
    return Object.fromEntries(ids.map((id) => [id, 1]));
  }

  /** Running → stopped, with the team's decision. */
  async stop(
    workspace: Workspace,
    key: string,
    input: {
      decision: "ship" | "rollback" | "inconclusive";
      variant?: string | undefined;
      note?: string | undefined;
    },
    actor: Actor,
  ): Promise<ExperimentView> {
    return this.db.transaction().execute(async (trx) => {
      const experiment = await this.require(workspace, key, trx);
      if (experiment.status !== "running")
        throw new AppError("conflict", `Experiment "${key}" is ${experiment.status}, not running`);
      let variantId: number | null = null;
      if (input.decision === "ship") {
        if (!input.variant)
          throw new AppError(
            "validation_failed",
            "Invalid decision: ship needs the variant shipped",
            [{ field: "body.variant", message: "required when shipping" }],
          );
        const flag = await this.flagOf(workspace, experiment.flagKey, trx);
        variantId = this.variantId(flag, input.variant, "body.variant");
      } else if (input.variant !== undefined) {
        throw new AppError(
          "validation_failed",
          `Invalid decision: ${input.decision} names no variant`,
          [{ field: "body.variant", message: "only for ship" }],
        );
      }
      const before = await this.view(experiment, trx);
      await trx
        .updateTable("experiments")
        .set({
          status: "stopped",
          stopped_at: nowIso(),
          decision: toJson({ decision: input.decision, variantId, note: input.note ?? "" }),
          updated_at: nowIso(),
        })
        .where("id", "=", experiment.id)
        .execute();
      const after = await this.view(await this.require(workspace, key, trx), trx);
      await this.record(workspace, actor, "experiment.stopped", key, before, after, trx);
      return after;
    });
  }

  /** The latest snapshot; computes one if there is none yet. */
  async results(workspace: Workspace, key: string): Promise<Snapshot> {
    const experiment = await this.require(workspace, key);
    const latest = await this.db
      .selectFrom("experiment_snapshots")
      .selectAll()
      .where("experiment_id", "=", experiment.id)
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    if (latest)
      return {
        computedAt: latest.computed_at,
        durationMs: Number(latest.duration_ms),
        result: fromJson(latest.result),
      };
    return this.refresh(workspace, key);
  }

  /** Computes a fresh snapshot over [start, stop or now). */
  async refresh(workspace: Workspace, key: string): Promise<Snapshot> {
    const experiment = await this.require(workspace, key);
    if (experiment.status === "draft" || experiment.startedAt === null)
      throw new AppError("conflict", `Experiment "${key}" has not started: no results yet`);
    const started = performance.now();
    const flag = await this.flagOf(workspace, experiment.flagKey);
    const ids = [experiment.baselineVariantId, ...experiment.variantIds];
    const variants: VariantRef[] = ids.map((id) => ({
      id,
      key: flag.variants.find((v) => v.id === id)?.key ?? `#${id}`,
    }));
    const metrics = await this.metrics.byIds([
      experiment.primaryMetricId,
      ...experiment.secondaryMetricIds,
    ]);
    const window = { start: experiment.startedAt, end: experiment.stoppedAt ?? nowIso() };
    const { exposures, days } = await this.analyses.run({
      environmentId: experiment.environmentId,
      flagKey: experiment.flagKey,
      variantIds: ids,
      start: window.start,
      end: window.end,
      metrics,
      cuped: experiment.settings.cuped,
    });
    const result = assembleResult({
      window,
      variants,
      traffic: experiment.traffic,
      metrics,
      primaryMetricId: experiment.primaryMetricId,
      settings: experiment.settings,
      exposures,
      days,
    });
    const durationMs = Math.round(performance.now() - started);
    const computedAt = nowIso();
    await this.db
      .insertInto("experiment_snapshots")
      .values({
        experiment_id: experiment.id,
        computed_at: computedAt,
        window_start: window.start,
        window_end: window.end,
        duration_ms: durationMs,
        result: toJson(result) ?? "{}",
      })
      .execute();
    return { computedAt, durationMs, result };
  }
}

export type { Environment, Metric };
