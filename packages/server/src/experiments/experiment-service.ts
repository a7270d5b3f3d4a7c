import type { Kysely } from "kysely";
import type { AnalysisRunner } from "../analysis/runner.js";
import type { AuditRepository } from "../audit/audit-repository.js";
import type { FlagRecord, FlagRepository } from "../flags/flag-repository.js";
import type { Actor } from "../flags/flag-service.js";
import { AppError, type FieldError } from "../http/errors.js";
import type { Metric, MetricService } from "../metrics/metric-service.js";
import { fromJson, nowIso, toJson } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";
import type {
  Environment,
  Workspace,
  WorkspaceRepository,
} from "../workspaces/workspace-repository.js";
import { type Experiment, ExperimentRepository, type Phase } from "./experiment-repository.js";
import {
  type ExperimentCreate,
  type ExperimentUpdate,
  type ExperimentView,
  settingsOf,
} from "./experiment-schemas.js";
import { experimentWarnings } from "./experiment-warnings.js";
import { assembleResult, type ExperimentResult, type VariantRef } from "./results.js";

/** A stored result with when and how fast it was computed. */
export interface Snapshot {
  /** The phase analysed. */
  phase: number;
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
  private readonly experiments: ExperimentRepository;

  /** Told when a new result turns up a sample ratio mismatch or changes a metric's verdict. */
  private notify: ResultNotifier | undefined;

  onResultChange(notify: ResultNotifier): void {
    this.notify = notify;
  }

  constructor(
    private readonly db: Kysely<Tables>,
    /** Runs the database side of analyses (on SQLite in threads of their own). */
    private readonly analyses: Pick<AnalysisRunner, "run" | "warm">,
    private readonly flags: FlagRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly metrics: MetricService,
    private readonly audit: AuditRepository,
    private readonly retentionDays: number,
  ) {
    this.experiments = new ExperimentRepository(db);
  }

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
      phases: experiment.phases.map((phase, i) => ({
        number: i + 1,
        startedAt: phase.startedAt,
        endedAt: experiment.phases[i + 1]?.startedAt ?? null,
        traffic: Object.fromEntries(
          Object.entries(phase.traffic).map(([id, share]) => [keyOf(Number(id)), share]),
        ),
        reason: phase.reason,
      })),
      analysisEnd: experiment.analysisEnd,
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
    const experiments = await this.experiments.list(workspace.id);
    return Promise.all(experiments.map((experiment) => this.view(experiment)));
  }

  /**
   * The keys of the running experiments of a flag (archiving or deleting it would end them), or
   * of those in one environment.
   */
  runningWith(
    workspaceId: number,
    flagKey: string,
    db = this.db,
    environmentId?: number,
  ): Promise<string[]> {
    return this.experiments.runningKeys(workspaceId, flagKey, db, environmentId);
  }

  /** Every running experiment with its workspace (the hourly refresh). */
  running(): Promise<{ workspaceId: number; workspaceKey: string; key: string }[]> {
    return this.experiments.running();
  }

  /** The key of the environment an experiment runs in (404 when there is no such experiment). */
  async environmentOf(workspace: Workspace, key: string): Promise<string> {
    const experiment = await this.require(workspace, key);
    const environments = await this.workspaces.listEnvironments(workspace.id);
    return environments.find((e) => e.id === experiment.environmentId)?.key ?? "";
  }

  async require(workspace: Workspace, key: string, db = this.db): Promise<Experiment> {
    const experiment = await this.experiments.get(workspace.id, key, db);
    if (!experiment)
      throw new AppError(
        "not_found",
        `Experiment "${key}" does not exist in workspace "${workspace.key}"`,
      );
    return experiment;
  }

  private async requireRunning(
    workspace: Workspace,
    key: string,
    db: Kysely<Tables>,
  ): Promise<Experiment> {
    const experiment = await this.require(workspace, key, db);
    if (experiment.status !== "running")
      throw new AppError("conflict", `Experiment "${key}" is ${experiment.status}, not running`);
    return experiment;
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
      const metric = await this.metrics.find(workspace, key, db);
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
      if (await this.experiments.get(workspace.id, input.key, trx))
        throw new AppError("conflict", `Experiment "${input.key}" already exists`, [
          { field: "body.key", message: "is taken" },
        ]);
      const resolved = await this.resolve(workspace, flag, input, trx);
      const now = nowIso();
      await this.experiments.insert(
        {
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
        },
        trx,
      );
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
      await this.experiments.update(
        experiment.id,
        {
          name: input.name ?? experiment.name,
          hypothesis: input.hypothesis ?? experiment.hypothesis,
          baseline_variant_id: resolved.baseline,
          variant_ids: toJson(resolved.compared) ?? "[]",
          traffic: toJson(resolved.traffic ?? {}) ?? "{}",
          primary_metric_id: resolved.primaryMetricId,
          secondary_metric_ids: toJson(resolved.secondaryMetricIds) ?? "[]",
          settings: toJson(settingsOf(input.settings, experiment.settings)) ?? "{}",
        },
        trx,
      );
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
      await this.experiments.update(
        experiment.id,
        {
          status: "running",
          started_at: new Date(start).toISOString(),
          traffic: toJson(traffic) ?? "{}",
          phases:
            toJson([{ startedAt: new Date(start).toISOString(), traffic, reason: "Started" }]) ??
            "[]",
        },
        trx,
      );
      const running = await this.require(workspace, key, trx);
      const after = await this.view(running, trx);
      await this.record(workspace, actor, "experiment.started", key, before, after, trx);
      return this.viewWithWarnings(running, trx);
    });
    // A running experiment's results are asked for soon: the analysis starts up now, off
    // that request's path.
    this.warm();
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
    return splitOf(ids, state?.state.rollout ?? []);
  }

  /**
   * Starts a new phase of each experiment running on the flag in the environment, after an
   * accepted change to the flag's rollout, seed or rules there (in the change's transaction):
   * its expected split is the new rollout's. Returns the experiments' keys.
   */
  async newPhasesAfterFlagChange(
    workspace: Workspace,
    flagKey: string,
    environmentId: number,
    reason: string,
    actor: Actor,
    db: Kysely<Tables>,
  ): Promise<void> {
    for (const key of await this.runningWith(workspace.id, flagKey, db, environmentId)) {
      const experiment = await this.require(workspace, key, db);
      await this.addPhase(
        workspace,
        experiment,
        {
          startedAt: nowIso(),
          traffic: await this.trafficFromFlag(experiment, db),
          reason,
        },
        actor,
        db,
      );
    }
  }

  /**
   * Restarts the analysis of a running experiment from a time (now by default): a new phase
   * with the current phase's expected split, without any change to the flag.
   */
  async restartAnalysis(
    workspace: Workspace,
    key: string,
    input: { startedAt?: string | undefined; reason?: string | undefined },
    actor: Actor,
  ): Promise<ExperimentView> {
    return this.db.transaction().execute(async (trx) => {
      const experiment = await this.requireRunning(workspace, key, trx);
      const current = experiment.phases.at(-1);
      const at = input.startedAt === undefined ? Date.now() : Date.parse(input.startedAt);
      if (
        !current ||
        !Number.isFinite(at) ||
        at > Date.now() ||
        at <= Date.parse(current.startedAt)
      )
        throw new AppError(
          "validation_failed",
          "Invalid restart: startedAt must lie after the current phase's start and not in the future",
          [
            {
              field: "body.startedAt",
              message: `must be after ${current?.startedAt} and not in the future`,
            },
          ],
        );
      await this.addPhase(
        workspace,
        experiment,
        {
          startedAt: new Date(at).toISOString(),
          traffic: current.traffic,
          reason: input.reason?.trim() || "Analysis restarted",
        },
        actor,
        trx,
      );
      return this.viewWithWarnings(await this.require(workspace, key, trx), trx);
    });
  }

  /** Ends the analysis window of an experiment at a time (null: at its stop, or now). */
  async setAnalysisEnd(
    workspace: Workspace,
    key: string,
    end: string | null,
    actor: Actor,
  ): Promise<ExperimentView> {
    return this.db.transaction().execute(async (trx) => {
      const experiment = await this.require(workspace, key, trx);
      if (experiment.status === "draft" || experiment.startedAt === null)
        throw new AppError("conflict", `Experiment "${key}" has not started`);
      const at = end === null ? null : Date.parse(end);
      if (at !== null && (!Number.isFinite(at) || at <= Date.parse(experiment.startedAt)))
        throw new AppError("validation_failed", "Invalid window: end must lie after the start", [
          { field: "body.end", message: `must be after ${experiment.startedAt}` },
        ]);
      const before = await this.view(experiment, trx);
      await this.experiments.update(
        experiment.id,
        {
          analysis_end: at === null ? null : new Date(at).toISOString(),
        },
        trx,
      );
      const after = await this.require(workspace, key, trx);
      await this.record(
        workspace,
        actor,
        "experiment.window.updated",
        key,
        before,
        await this.view(after, trx),
        trx,
      );
      return this.viewWithWarnings(after, trx);
    });
  }

  private async addPhase(
    workspace: Workspace,
    experiment: Experiment,
    phase: Phase,
    actor: Actor,
    db: Kysely<Tables>,
  ): Promise<void> {
    const before = await this.view(experiment, db);
    await this.experiments.update(
      experiment.id,
      { phases: toJson([...experiment.phases, phase]) ?? "[]" },
      db,
    );
    const after = await this.view(await this.require(workspace, experiment.key, db), db);
    await this.record(
      workspace,
      actor,
      "experiment.phase.started",
      experiment.key,
      before,
      after,
      db,
    );
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
      const experiment = await this.requireRunning(workspace, key, trx);
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
      await this.experiments.update(
        experiment.id,
        {
          status: "stopped",
          stopped_at: nowIso(),
          decision: toJson({ decision: input.decision, variantId, note: input.note ?? "" }),
        },
        trx,
      );
      const after = await this.view(await this.require(workspace, key, trx), trx);
      await this.record(workspace, actor, "experiment.stopped", key, before, after, trx);
      return after;
    });
  }

  /**
   * The analysis window of a phase (the current one by default): from its start to the next
   * phase's, the stop or now, and never past the set analysis end.
   */
  private windowOf(experiment: Experiment, phase: number | undefined) {
    const number = phase ?? experiment.phases.length;
    const current = experiment.phases[number - 1];
    if (!current)
      throw new AppError(
        experiment.phases.length === 0 ? "conflict" : "not_found",
        experiment.phases.length === 0
          ? `Experiment "${experiment.key}" has not started: no results yet`
          : `Experiment "${experiment.key}" has no phase ${number} (it has ${experiment.phases.length})`,
      );
    const ends = [
      experiment.phases[number]?.startedAt ?? experiment.stoppedAt ?? nowIso(),
      experiment.analysisEnd,
    ].filter((e): e is string => e !== null);
    // An end set before the phase began leaves it empty: [start, start).
    const end = [
      current.startedAt,
      ends.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)),
    ].reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
    return { number, start: current.startedAt, end, traffic: current.traffic };
  }

  /** The latest snapshot of a phase (the current one by default); computes one if there is none. */
  async results(workspace: Workspace, key: string, phase?: number): Promise<Snapshot> {
    const experiment = await this.require(workspace, key);
    const window = this.windowOf(experiment, phase);
    const latest = await this.experiments.latestSnapshot(experiment.id, window.start);
    // A snapshot taken before the window's end moved (a new phase, a set end) is not this one.
    if (latest && Date.parse(latest.window_end) <= Date.parse(window.end))
      return {
        phase: window.number,
        computedAt: latest.computed_at,
        durationMs: Number(latest.duration_ms),
        result: fromJson(latest.result),
      };
    return this.refresh(workspace, key, phase);
  }

  /** Starts what runs analyses (a thread, connections) ahead of the first one. */
  warm(): void {
    this.analyses.warm();
  }

  /** Computes a fresh snapshot of a phase (the current one by default) over its window. */
  async refresh(workspace: Workspace, key: string, phase?: number): Promise<Snapshot> {
    const experiment = await this.require(workspace, key);
    const phaseWindow = this.windowOf(experiment, phase);
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
    const window = { start: phaseWindow.start, end: phaseWindow.end };
    const { exposures, days } = await this.analyses.run({
      environmentId: experiment.environmentId,
      flagKey: experiment.flagKey,
      variantIds: ids,
      start: window.start,
      end: window.end,
      metrics,
      cuped: experiment.settings.cuped,
    });
    const checks = await this.experiments.assignmentChecks(
      experiment.environmentId,
      experiment.flagKey,
      window,
    );
    const result = assembleResult({
      window,
      variantKeys: new Map(flag.variants.map((v) => [v.id, v.key])),
      mismatchedUsers: checks.mismatched,
      reasonDisagreements: checks.disagreeing,
      variants,
      traffic: phaseWindow.traffic,
      metrics,
      primaryMetricId: experiment.primaryMetricId,
      settings: experiment.settings,
      exposures,
      days,
    });
    const durationMs = Math.round(performance.now() - started);
    const computedAt = nowIso();
    const previous = await this.experiments.latestSnapshot(experiment.id, window.start);
    if (this.notify && previous)
      for (const change of resultChanges(fromJson<ExperimentResult>(previous.result), result))
        await this.notify(workspace.id, {
          ...change,
          experiment: experiment.key,
          flag: experiment.flagKey,
        });
    await this.experiments.insertSnapshot({
      experiment_id: experiment.id,
      computed_at: computedAt,
      window_start: window.start,
      window_end: window.end,
      duration_ms: durationMs,
      result: toJson(result) ?? "{}",
    });
    return { phase: phaseWindow.number, computedAt, durationMs, result };
  }
}

export type { Environment, Metric };

/** What a new result tells that the one before did not. */
export interface ResultChange {
  event: "experiment.srm_detected" | "metric.verdict_changed";
  before: unknown;
  after: unknown;
}

export type ResultNotifier = (
  workspaceId: number,
  change: ResultChange & { experiment: string; flag: string },
) => Promise<void>;

/** A sample ratio mismatch that was not there before, and each metric's verdict that changed. */
export function resultChanges(before: ExperimentResult, after: ExperimentResult): ResultChange[] {
  const changes: ResultChange[] = [];
  if (after.srm.mismatch && !before.srm.mismatch)
    changes.push({
      event: "experiment.srm_detected",
      before: { pValue: before.srm.pValue },
      after: {
        pValue: after.srm.pValue,
        observed: after.srm.observed,
        expected: after.srm.expected,
      },
    });
  for (const metric of after.metrics)
    for (const variant of metric.variants) {
      const now = variant.comparison?.verdict;
      const was = before.metrics
        .find((m) => m.metric === metric.metric)
        ?.variants.find((v) => v.variant === variant.variant)?.comparison?.verdict;
      if (now && was && now !== was)
        changes.push({
          event: "metric.verdict_changed",
          before: { metric: metric.metric, variant: variant.variant, verdict: was },
          after: { metric: metric.metric, variant: variant.variant, verdict: now },
        });
    }
  return changes;
}

/** The rollout's shares of the analysed variants, or an even split when one gets none. */
function splitOf(
  ids: number[],
  rollout: readonly { variantId: number; percentage: number }[],
): Record<number, number> {
  const shares = ids.map((id) =>
    rollout.filter((e) => e.variantId === id).reduce((sum, e) => sum + e.percentage, 0),
  );
  if (shares.every((s) => s > 0))
    return Object.fromEntries(ids.map((id, i) => [id, shares[i] ?? 0]));
  return Object.fromEntries(ids.map((id) => [id, 1]));
}
