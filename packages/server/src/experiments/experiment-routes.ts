import { Type } from "typebox";
import {
  actorOf,
  assertMayChange,
  type Principal,
  workspaceForChange,
} from "../auth/admin-auth.js";
import { type App, errorResponses } from "../http/route-context.js";
import type { MetricPreview } from "../metrics/metric-preview.js";
import {
  MetricCreateSchema,
  MetricPreviewSchema,
  MetricSchema,
  MetricUpdateSchema,
  PreviewDaySchema,
} from "../metrics/metric-schemas.js";
import { checkDefinition, type MetricService, metricView } from "../metrics/metric-service.js";
import { EnvironmentParams } from "../workspaces/workspace-schemas.js";
import type { WorkspaceService } from "../workspaces/workspace-service.js";
import {
  AnalysisWindowSchema,
  ExperimentCreateSchema,
  ExperimentResultSchema,
  ExperimentSchema,
  ExperimentUpdateSchema,
  RestartAnalysisSchema,
  ResultsQuerySchema,
  StartSchema,
  StopSchema,
} from "./experiment-schemas.js";
import type { ExperimentService } from "./experiment-service.js";

const WorkspaceParams = Type.Object({ ws: Type.String({ maxLength: 64 }) });
const MetricParams = Type.Object({
  ws: Type.String({ maxLength: 64 }),
  metric: Type.String({ maxLength: 128 }),
});
const ExperimentParams = Type.Object({
  ws: Type.String({ maxLength: 64 }),
  experiment: Type.String({ maxLength: 128 }),
});

const ANALYSIS = `Analysis window: the phase asked for (default the current one), from its start to the next phase's start, the stop or now, and never past the analysis end when one is set; times at or after the end are left out. A user is exposed by at least one impression of the flag in the environment inside the window; the first is the exposure time; users exposed to more than one variant are excluded from every metric and from SRM and counted. Events count from the exposure time (inclusive) to the window end. Only JSON numbers are values. Per-user value: conversion 1/0; count and sum include exposed users without events as 0; average is the mean of the user's values (users without a value are left out). Per variant vs baseline: Welch difference with 95% CI (Welch–Satterthwaite df), relative lift (m_t − m_c)/|m_c| with CI (delta method, normal), two-sided Welch p-value, pooled two-proportion z-test for conversion; Bayesian chance to beat baseline (exact Beta-Binomial with Beta(1,1) priors for conversion without CUPED, else the normal approximation on the (CUPED-adjusted) difference), expected loss; SRM chi-square flagged at p < 0.001; Bonferroni, Holm or Benjamini–Hochberg correction over variants × metrics; CUPED with the same metric over the 14 days before exposure (one pooled theta per metric, not for average metrics); sequential testing (the default) with a normal-mixture confidence sequence calibrated as in GrowthBook (Waudby-Smith et al. 2023: ρ from alpha and the planned total users N* = sequentialTuning, default 5000), which makes the difference and relative-lift intervals and the p-value always valid, safe to look at any time: when it is on, every interval and p-value shown is the always-valid one (method: sequential). Verdict: winning or losing when the (corrected) p-value is below alpha, by the metric's direction; else inconclusive. Cumulative results per day.`;

/** Metrics and experiments under /api/v1/workspaces/{ws}. */
export function registerExperimentRoutes(
  app: App,
  deps: {
    metrics: MetricService;
    preview: MetricPreview;
    experiments: ExperimentService;
    workspaces: WorkspaceService;
  },
): void {
  const { metrics, experiments, workspaces } = deps;
  /** The workspace of a change to an experiment, once the caller may change its environment. */
  const changing = (request: { params: { ws: string; experiment: string }; admin?: Principal }) =>
    workspaceForChange(request, workspaces.requireWorkspace(request.params.ws), (ws) =>
      experiments.environmentOf(ws, request.params.experiment),
    );
  const metricTags = ["metrics"];
  const tags = ["experiments"];

  app.get(
    "/api/v1/workspaces/:ws/metrics",
    {
      schema: {
        tags: metricTags,
        params: WorkspaceParams,
        response: { 200: Type.Object({ metrics: Type.Array(MetricSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return { metrics: (await metrics.list(ws)).map(metricView) };
    },
  );
  app.post(
    "/api/v1/workspaces/:ws/environments/:env/metric-preview",
    {
      schema: {
        tags: metricTags,
        description:
          "What a metric definition measures per UTC day over the last days (7 by default) of the environment's raw events, over every user who sent a matching event: a preview while defining a metric.",
        params: EnvironmentParams,
        body: MetricPreviewSchema,
        response: { 200: Type.Object({ days: Type.Array(PreviewDaySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const env = await workspaces.requireEnvironment(ws, request.params.env);
      const { days = 7, ...input } = request.body;
      const metric = {
        id: 0,
        key: "preview",
        name: "",
        description: "",
        kind: input.kind,
        eventKey: input.eventKey,
        valuePath: input.valuePath ?? null,
        filters: input.filters ?? [],
        direction: "increase" as const,
        createdAt: "",
        updatedAt: "",
      };
      checkDefinition(metric);
      return { days: await deps.preview.days(env.id, metric, days) };
    },
  );
  app.post(
    "/api/v1/workspaces/:ws/metrics",
    {
      schema: {
        tags: metricTags,
        params: WorkspaceParams,
        body: MetricCreateSchema,
        response: { 201: MetricSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return reply.code(201).send(await metrics.create(ws, request.body, actorOf(request)));
    },
  );
  app.get(
    "/api/v1/workspaces/:ws/metrics/:metric",
    {
      schema: {
        tags: metricTags,
        params: MetricParams,
        response: { 200: MetricSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return metricView(await metrics.get(ws, request.params.metric));
    },
  );
  app.patch(
    "/api/v1/workspaces/:ws/metrics/:metric",
    {
      schema: {
        tags: metricTags,
        params: MetricParams,
        body: MetricUpdateSchema,
        response: { 200: MetricSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return metrics.update(ws, request.params.metric, request.body, actorOf(request));
    },
  );
  app.delete(
    "/api/v1/workspaces/:ws/metrics/:metric",
    { schema: { tags: metricTags, params: MetricParams } },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      await metrics.remove(ws, request.params.metric, actorOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    "/api/v1/workspaces/:ws/experiments",
    {
      schema: {
        tags,
        params: WorkspaceParams,
        response: {
          200: Type.Object({ experiments: Type.Array(ExperimentSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return { experiments: await experiments.list(ws) };
    },
  );
  app.post(
    "/api/v1/workspaces/:ws/experiments",
    {
      schema: {
        tags,
        params: WorkspaceParams,
        body: ExperimentCreateSchema,
        response: { 201: ExperimentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      assertMayChange(request, request.body.environment);
      return reply.code(201).send(await experiments.create(ws, request.body, actorOf(request)));
    },
  );
  app.get(
    "/api/v1/workspaces/:ws/experiments/:experiment",
    {
      schema: {
        tags,
        params: ExperimentParams,
        response: { 200: ExperimentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return experiments.viewWithWarnings(await experiments.require(ws, request.params.experiment));
    },
  );
  app.patch(
    "/api/v1/workspaces/:ws/experiments/:experiment",
    {
      schema: {
        tags,
        params: ExperimentParams,
        body: ExperimentUpdateSchema,
        response: { 200: ExperimentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await changing(request);
      return experiments.update(ws, request.params.experiment, request.body, actorOf(request));
    },
  );
  app.post(
    "/api/v1/workspaces/:ws/experiments/:experiment/start",
    {
      schema: {
        tags,
        params: ExperimentParams,
        body: Type.Optional(StartSchema),
        response: { 200: ExperimentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await changing(request);
      return experiments.start(
        ws,
        request.params.experiment,
        request.body?.startedAt,
        actorOf(request),
      );
    },
  );
  app.post(
    "/api/v1/workspaces/:ws/experiments/:experiment/stop",
    {
      schema: {
        tags,
        params: ExperimentParams,
        body: StopSchema,
        response: { 200: ExperimentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await changing(request);
      return experiments.stop(ws, request.params.experiment, request.body, actorOf(request));
    },
  );
  app.post(
    "/api/v1/workspaces/:ws/experiments/:experiment/phases",
    {
      schema: {
        tags,
        summary: "Restart the analysis: a new phase from a time, without changing the flag",
        params: ExperimentParams,
        body: RestartAnalysisSchema,
        response: { 200: ExperimentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await changing(request);
      return experiments.restartAnalysis(
        ws,
        request.params.experiment,
        request.body,
        actorOf(request),
      );
    },
  );
  app.put(
    "/api/v1/workspaces/:ws/experiments/:experiment/window",
    {
      schema: {
        tags,
        summary: "Set where the analysis window ends",
        params: ExperimentParams,
        body: AnalysisWindowSchema,
        response: { 200: ExperimentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await changing(request);
      return experiments.setAnalysisEnd(
        ws,
        request.params.experiment,
        request.body.end,
        actorOf(request),
      );
    },
  );
  const resultsSchema = {
    tags,
    params: ExperimentParams,
    querystring: ResultsQuerySchema,
    description: ANALYSIS,
    response: {
      200: Type.Object({
        phase: Type.Integer({ description: "The phase analysed" }),
        computedAt: Type.String(),
        durationMs: Type.Number(),
        result: ExperimentResultSchema,
      }),
      ...errorResponses,
    },
  };
  // Results are written as computed (the schema documents them): plain JSON serialisation, so
  // a figure the statistics leave undefined can never fail a response.
  const asJson = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
  app.get(
    "/api/v1/workspaces/:ws/experiments/:experiment/results",
    {
      schema: { ...resultsSchema, summary: "The latest results (computed when there are none)" },
      ...asJson,
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return experiments.results(ws, request.params.experiment, request.query.phase);
    },
  );
  app.post(
    "/api/v1/workspaces/:ws/experiments/:experiment/results",
    { schema: { ...resultsSchema, summary: "Compute fresh results now" }, ...asJson },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return experiments.refresh(ws, request.params.experiment, request.query.phase);
    },
  );
}
