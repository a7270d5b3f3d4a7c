import swagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import websocket from "@fastify/websocket";
import Fastify, { type FastifyRequest, LogController } from "fastify";
import { type AnalysisRunner, analysisRunner } from "./analysis/runner.js";
import { AuditRepository } from "./audit/audit-repository.js";
import { registerAuditRoutes } from "./audit/audit-routes.js";
import { withRequestAddress } from "./audit/request-address.js";
import { requireAdmin } from "./auth/admin-auth.js";
import { AdminTokenRepository } from "./auth/admin-token-repository.js";
import {
  registerAdminTokenRoutes,
  registerPersonalTokenRoutes,
} from "./auth/admin-token-routes.js";
import { AdminTokenService } from "./auth/admin-token-service.js";
import { People } from "./auth/people.js";
import {
  registerInvitationAcceptRoute,
  registerPeopleRoutes,
  registerSessionRoute,
  registerSignInRoute,
} from "./auth/people-routes.js";
import { SdkKeyCache } from "./auth/sdk-key-cache.js";
import { SdkKeyRepository } from "./auth/sdk-key-repository.js";
import { registerSsoRoutes } from "./auth/sso-routes.js";
import { ensureInitialSetup, type InitialCredentials } from "./bootstrap.js";
import { ChangeRequestRepository } from "./changes/change-request-repository.js";
import { registerChangeRequestRoutes } from "./changes/change-request-routes.js";
import { ChangeRequestService } from "./changes/change-request-service.js";
import { ScheduleRepository } from "./changes/schedule-repository.js";
import { registerScheduleRoutes } from "./changes/schedule-routes.js";
import { ScheduleService } from "./changes/schedule-service.js";
import { StateVersions } from "./changes/versions.js";
import type { Config } from "./config.js";
import { EventCatalog } from "./events/event-catalog.js";
import { registerEventRoutes } from "./events/event-routes.js";
import { GroupCommit } from "./events/group-commit.js";
import { groupWriter } from "./events/group-writer.js";
import { LiveTail } from "./events/live-tail.js";
import { rawDataReader } from "./events/raw-data-reader.js";
import { RawIngest } from "./events/raw-ingest.js";
import { RetentionJob } from "./events/retention.js";
import { registerExperimentRoutes } from "./experiments/experiment-routes.js";
import { ExperimentService } from "./experiments/experiment-service.js";
import { ResultsRefreshJob } from "./experiments/refresh-job.js";
import { FlagRepository } from "./flags/flag-repository.js";
import { registerFlagRoutes } from "./flags/flag-routes.js";
import { FlagService } from "./flags/flag-service.js";
import { registerDashboard } from "./http/dashboard.js";
import {
  handleClientError,
  pathOf,
  registerErrorHandler,
  sendError,
} from "./http/error-handler.js";
import { LazySchemas } from "./http/lazy-schemas.js";
import { RefusalLog } from "./http/refusal-log.js";
import { RequestGuard } from "./http/request-guard.js";
import { type App, ErrorSchema } from "./http/route-context.js";
import { registerSecurityHeaders } from "./http/security-headers.js";
import { rejectUnstorableInput } from "./http/storable.js";
import { MetricPreview } from "./metrics/metric-preview.js";
import { MetricService } from "./metrics/metric-service.js";
import { createBackground } from "./ops/background.js";
import { DatabaseHealth } from "./ops/database-health.js";
import { createMetrics, type ServerMetrics } from "./ops/metrics.js";
import { registerOpsRoutes } from "./ops/ops-routes.js";
import { FlagSnapshots } from "./sdk-api/flag-snapshots.js";
import { SDK_KEY_HEADER } from "./sdk-api/protocol-headers.js";
import { registerSdkRoutes } from "./sdk-api/sdk-routes.js";
import { SdkClientRepository } from "./sdk-clients/sdk-client-repository.js";
import { registerSdkClientRoutes } from "./sdk-clients/sdk-client-routes.js";
import type { Database } from "./storage/database.js";
import type { ChangeBus } from "./streaming/change-bus.js";
import { StreamHub } from "./streaming/stream-hub.js";
import { StreamLimits } from "./streaming/stream-limits.js";
import { registerStreamRoutes } from "./streaming/stream-routes.js";
import { registerWebhookRoutes } from "./webhooks/webhook-routes.js";
import { WebhookSender } from "./webhooks/webhook-sender.js";
import { Webhooks } from "./webhooks/webhooks.js";
import { WorkspaceRepository } from "./workspaces/workspace-repository.js";
import { registerWorkspaceRoutes } from "./workspaces/workspace-routes.js";
import { WorkspaceService } from "./workspaces/workspace-service.js";

/** What the server is built from; everything with a lifetime is passed in. */
export interface AppDeps {
  database: Database;
  bus: ChangeBus;
  /** Where JSON logs go; standard output when absent. */
  logStream?: NodeJS.WritableStream;
  /**
   * Hands first-start secrets to the user before the server serves; when it fails, the start
   * fails and what it created is undone (see ensureInitialSetup).
   */
  deliverCredentials?: (credentials: InitialCredentials) => void | Promise<void>;
}

/** A built server: the Fastify app, first-start credentials, and its parts tests may inspect. */
export interface BuiltApp {
  app: App;
  credentials: InitialCredentials;
  hub: StreamHub;
  metrics: ServerMetrics;
  retention: RetentionJob;
  /** Recomputes running experiments' results hourly. */
  resultsRefresh: ResultsRefreshJob;
  /** The route schemas, compiled on first use; the rest once the server listens. */
  schemas: LazySchemas;
  /** Every admin route as registered (method and URL), each authorized by ROUTE_ACCESS. */
  adminRoutes: { method: string; url: string }[];
}

/** Whether a request announces a body over 64 KiB, or one of unknown length (chunks). */
const hasLargeBody = (request: FastifyRequest): boolean =>
  request.headers["transfer-encoding"] !== undefined ||
  Number(request.headers["content-length"] ?? 0) > 65_536;

/** Builds the whole server without listening (tests use inject() or listen on port 0). */
export async function buildApp(config: Config, deps: AppDeps): Promise<BuiltApp> {
  const { database, bus } = deps;
  const db = database.db;
  const schemas = new LazySchemas();
  const app = Fastify({
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      redact: [
        "req.headers.authorization",
        `req.headers["${SDK_KEY_HEADER}"]`,
        "req.headers.cookie",
      ],
      serializers: {
        // The browser WebSocket carries its key in the query: log paths only.
        req: (req) => ({ method: req.method, url: pathOf(req.url ?? ""), remoteAddress: req.ip }),
      },
    },
    schemaController: schemas.controller,
    ajv: {
      customOptions: {
        allErrors: true,
        removeAdditional: false,
        coerceTypes: "array",
        useDefaults: true,
      },
    },
    // One line per request, written when it is answered (below), instead of two.
    logController: new LogController({ disableRequestLogging: true }),
    // Slow clients: the headers must arrive within a few seconds (a connection dribbling them
    // byte by byte is cut, checked every second), the whole request within a minute. Answers
    // that stream for long (SDK streams, exports) are not limited.
    http: {
      headersTimeout: config.headerTimeoutSeconds * 1000,
      connectionsCheckingInterval: 1000,
    },
    requestTimeout: Math.max(60_000, config.headerTimeoutSeconds * 1000),
    // Requests arriving while the server closes get 503 in the one error shape (hook below).
    return503OnClosing: false,
    // On close, idle keep-alive connections go at once; requests in flight are answered first
    // (their events may be committed already), and streams are ended by the preClose hook.
    forceCloseConnections: "idle",
    clientErrorHandler: handleClientError,
    // Errors raised before routing (a URL that does not decode, a path segment over the
    // router's length limit) get the one JSON error shape too, without echoing the URL.
    frameworkErrors: (error, request, reply) => {
      const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
      sendError(reply, request, {
        statusCode: tooLong ? 414 : 400,
        errorCode: "bad_request",
        message: tooLong
          ? "A path segment of the request URL is too long"
          : "The request URL is not valid (it does not decode to UTF-8)",
      });
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Connections over the cap are closed as they arrive, before any of their bytes is read.
  app.server.maxConnections = config.maxConnections;

  // sendBeacon and some proxies send JSON as text/plain; read it as JSON.
  // sendBeacon and some proxies send JSON as text/plain; read it with the same parser as JSON,
  // which refuses __proto__ and constructor.prototype keys (prototype poisoning).
  app.addContentTypeParser(
    "text/plain",
    { parseAs: "string" },
    app.getDefaultJsonParser("error", "error"),
  );

  // A client over a limit that sent a large body loses its connection with the 429: reading
  // the rest of a body nobody wants (up to BODY_LIMIT_BYTES, again and again on one keep-alive
  // connection) would cost this thread more than a new connection costs the sender. Small
  // bodies are cheaper to read than a new connection, and below the limits a refused body is
  // read to its end, so the 401 always reaches the client.
  app.addHook("onSend", async (request, reply) => {
    if (request.refused && reply.statusCode === 429 && hasLargeBody(request))
      reply.header("connection", "close");
  });

  const metrics = createMetrics();
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    // Refused requests are counted, and logged once a minute per reason (RefusalLog).
    if (!request.refused)
      request.log.info(
        { req: request, res: reply, responseTime: reply.elapsedTime },
        "request completed",
      );
  });

  let closing = false;
  app.addHook("onRequest", async (request, reply) => {
    if (!closing) return;
    reply.header("connection", "close");
    reply.header("retry-after", "1");
    return sendError(reply, request, {
      statusCode: 503,
      errorCode: "unavailable",
      message: "The server is shutting down; retry on another one",
    });
  });

  registerSecurityHeaders(app);
  registerErrorHandler(app, await registerDashboard(app, config.dashboardDir));
  app.addSchema(ErrorSchema);
  await app.register(swagger, {
    openapi: {
      info: {
        title: "FlagSync (open source) admin API",
        version: "0.1.0",
        description:
          "Flags, environments, SDK keys, admin tokens and the audit log. Authenticate with Authorization: Bearer <admin token>.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  const workspaces = new WorkspaceRepository(db);
  const keyRepository = new SdkKeyRepository(db);
  const tokens = new AdminTokenRepository(db);
  const flagRepository = new FlagRepository(db);
  const audit = new AuditRepository(db);
  const background = createBackground(app.log, metrics);
  const workspaceService = new WorkspaceService(
    db,
    workspaces,
    keyRepository,
    audit,
    bus,
    (workspaceId, environmentId, trx) =>
      flagService.addEnvironment(workspaceId, environmentId, trx),
  );
  // Experiments are built after flags; flags ask them through this reference when needed.
  let experimentsRef: ExperimentService | undefined;
  const flagService = new FlagService(db, flagRepository, workspaces, audit, bus, {
    runningWith: async (...args) => (await experimentsRef?.runningWith(...args)) ?? [],
    newPhasesAfterFlagChange: async (...args) => experimentsRef?.newPhasesAfterFlagChange(...args),
  });
  const webhookSender = new WebhookSender(db, background, {
    ...config.webhooks,
    concurrency: 16,
    pollMs: config.jobsPollMs,
  });
  const webhooks = new Webhooks(
    db,
    async (id, trx) => (await workspaces.getById(id, trx))?.key ?? `#${id}`,
    () => webhookSender.wake(),
  );
  audit.onRecord((entry, trx) => webhooks.fromAudit(entry, trx));
  const changeRequests = new ChangeRequestService(
    db,
    new ChangeRequestRepository(db),
    flagService,
    flagRepository,
    workspaces,
    audit,
  );
  const keyCache = new SdkKeyCache(keyRepository);
  const sdkClients = new SdkClientRepository(db);
  const refusals = new RefusalLog(app.log);
  const guard = new RequestGuard(config.rateLimits, refusals);
  const snapshots = new FlagSnapshots(
    flagRepository,
    async (id) => (await workspaces.getEnvironmentById(id))?.workspaceId,
    config.retentionDays,
  );
  const catalog = new EventCatalog(db, database.dialect);
  const tail = new LiveTail();
  const schedules = new ScheduleService(
    db,
    new ScheduleRepository(db),
    flagService,
    changeRequests,
    workspaces,
    audit,
    background,
    config.jobsPollMs,
  );
  const rawData = rawDataReader(database, (code) => background.workerExited("raw data", code));
  const runner = analysisRunner(database, {
    keptBytes: config.analysisMemoryMb * 1_048_576,
    onExit: (code) => background.workerExited("analysis", code),
  });
  // Every analysis is logged and counted by how it ran and the rows it read.
  const analyses: AnalysisRunner = {
    ...runner,
    run: (input) =>
      background.run(
        "analysis",
        () => runner.run(input),
        (output) => {
          if (output.run) {
            metrics.analyses.inc({ way: output.run.way });
            metrics.analysisRows.inc(output.run.rows);
            // The result stands; the next restart reads every event again.
            if (output.run.storeError)
              background.failed("analysis store", new Error(output.run.storeError), {
                environmentId: input.environmentId,
                flag: input.flagKey,
              });
          }
          return { environmentId: input.environmentId, flag: input.flagKey, ...output.run };
        },
      ),
  };
  const metricService = new MetricService(db, audit);
  const experiments = new ExperimentService(
    db,
    analyses,
    flagRepository,
    workspaces,
    metricService,
    audit,
    config.retentionDays,
  );
  experimentsRef = experiments;
  // A new result that finds a sample ratio mismatch or changes a verdict is a webhook event.
  experiments.onResultChange((workspaceId, change) =>
    webhooks.enqueue(workspaceId, change.event, {
      id: `result-${change.experiment}-${Date.now()}`,
      at: new Date().toISOString(),
      actor: "analysis",
      resource: { type: "experiment", key: change.experiment },
      flag: change.flag,
      before: change.before,
      after: change.after,
    }),
  );
  const resultsRefresh = new ResultsRefreshJob(db, experiments, background);
  const health = new DatabaseHealth();
  const writer = groupWriter(database, catalog, (code) =>
    background.workerExited("ingestion writer", code),
  );
  const groupCommit = new GroupCommit(writer, {
    afterCommit: (committed) => tail.publish(committed),
    health,
  });
  const hub = new StreamHub(snapshots, bus, metrics, config.heartbeatSeconds, (ids) =>
    keyRepository.activeIds(ids, new Date().toISOString()),
  );
  const unsubscribe = bus.subscribe((change) => {
    if (change.type === "keys" || change.type === "environments") keyCache.clear();
  });

  const people = new People(db);
  const tokenService = new AdminTokenService(db, tokens, workspaces, audit, (trx) =>
    people.hasAdministrator(trx),
  );
  const credentials = await ensureInitialSetup({
    workspaces,
    service: workspaceService,
    tokens,
    tokenService,
    people,
    configuredToken: config.adminToken,
    ...(deps.deliverCredentials ? { deliver: deps.deliverCredentials } : {}),
  });

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  registerSignInRoute(app, { people, guard });
  registerInvitationAcceptRoute(app, { people, guard });
  registerSessionRoute(app, { people });
  registerSsoRoutes(app, {
    sso: config.sso,
    people,
    defaultWorkspace: async () => (await workspaces.get("default"))?.id,
  });
  const adminRoutes: { method: string; url: string }[] = [];
  await app.register(async (admin) => {
    // Audit entries keep the address each change came from (admin routes only: the SDK paths
    // write none and pay nothing for it).
    admin.addHook("onRequest", (request, _reply, done) => withRequestAddress(request.ip, done));
    admin.addHook("onRoute", (route) => {
      for (const method of [route.method].flat())
        if (method !== "HEAD") adminRoutes.push({ method, url: route.url });
    });
    // Before the body is read: an anonymous request never costs a parse or a validation.
    admin.addHook(
      "onRequest",
      requireAdmin({
        tokens,
        people,
        guard,
        workspaces: { idOf: async (key) => (await workspaces.get(key))?.id },
      }),
    );
    admin.addHook("preHandler", rejectUnstorableInput);
    registerWorkspaceRoutes(admin, {
      service: workspaceService,
      workspaces,
      keys: keyRepository,
      // Users and service tokens see the workspaces they belong to; instance callers all.
      visible: async (principal) => {
        if (!principal || principal.kind === "instance" || principal.user?.instanceAdmin)
          return undefined;
        if (principal.service) return new Set([principal.service.workspaceId]);
        const memberships = principal.user ? await people.membershipsOf(principal.user.id) : [];
        return new Set(memberships.map((m) => m.workspaceId));
      },
    });
    registerPeopleRoutes(admin, {
      people,
      audit,
      workspaces: {
        requireId: async (key) => (await workspaceService.requireWorkspace(key)).id,
        keysOf: async (ids) =>
          (await workspaces.list())
            .filter((w) => ids.includes(w.id))
            .map(({ id, key }) => ({ id, key })),
        environmentKeys: async (id) => (await workspaces.listEnvironments(id)).map((e) => e.key),
      },
    });
    registerFlagRoutes(admin, {
      flags: flagService,
      repository: flagRepository,
      workspaces: workspaceService,
    });
    registerChangeRequestRoutes(admin, {
      requests: changeRequests,
      versions: new StateVersions(audit, flagService, changeRequests),
      workspaces: workspaceService,
    });
    registerScheduleRoutes(admin, { schedules, workspaces: workspaceService });
    registerWebhookRoutes(admin, { webhooks, workspaces: workspaceService, audit });
    registerAuditRoutes(admin, { audit, workspaces: workspaceService });
    registerAdminTokenRoutes(admin, {
      service: tokenService,
      tokens,
      workspaces: {
        idOf: async (key) => (await workspaces.get(key))?.id,
        keyOf: async (id) => (await workspaces.getById(id))?.key,
      },
    });
    registerPersonalTokenRoutes(admin, { service: tokenService, tokens });
    registerExperimentRoutes(admin, {
      metrics: metricService,
      preview: new MetricPreview(db, database.dialect),
      experiments,
      workspaces: workspaceService,
    });
    registerSdkClientRoutes(admin, { clients: sdkClients, workspaces: workspaceService });
    registerEventRoutes(admin, {
      catalog,
      query: rawData,
      tail,
      workspaces: workspaceService,
      heartbeatSeconds: config.heartbeatSeconds,
    });
  });
  registerSdkRoutes(app, {
    countryHeader: config.countryHeader,
    keys: keyCache,
    guard,
    snapshots,
    ingest: new RawIngest(groupCommit, snapshots, config.retentionDays, (id) => tail.watching(id)),
    metrics,
    sdkClients,
  });
  registerStreamRoutes(app, {
    keys: keyCache,
    guard,
    hub,
    limits: new StreamLimits(config.maxStreamsPerAddress, config.maxStreamsPerKey),
    countryHeader: config.countryHeader,
  });
  registerOpsRoutes(app, { database, metrics, health });

  // Node closes the connections that are idle when the server closes; those whose request was
  // in flight become idle afterwards and would be kept open for the keep-alive timeout.
  let reaper: NodeJS.Timeout | undefined;
  app.addHook("preClose", async () => {
    closing = true;
    reaper = setInterval(() => app.server.closeIdleConnections(), 50);
    unsubscribe();
    hub.close();
    tail.close();
  });
  const retention = new RetentionJob(db, config.retentionDays, background, sdkClients);
  app.addHook("onReady", async () => {
    refusals.start();
    retention.start();
    resultsRefresh.start();
    schedules.start();
    webhookSender.start();
  });
  // After in-flight requests are answered, commit whatever they queued.
  app.addHook("onClose", async () => {
    clearInterval(reaper);
    refusals.close();
    await retention.stop();
    await resultsRefresh.stop();
    await schedules.stop();
    await webhookSender.stop();
    await groupCommit.close();
    await analyses.close();
    await rawData.close();
  });
  app.addHook("onListen", () => {
    schemas
      .compileAll()
      .catch((error: unknown) => app.log.error({ err: error }, "a route schema does not compile"));
  });
  return { app, credentials, hub, metrics, retention, resultsRefresh, schemas, adminRoutes };
}
