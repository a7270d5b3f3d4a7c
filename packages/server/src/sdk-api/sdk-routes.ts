import type { FastifyReply, FastifyRequest } from "fastify";
import type { SdkKeyCache } from "../auth/sdk-key-cache.js";
import type { KeyGrant } from "../auth/sdk-key-repository.js";
import type { RequestGuard } from "../http/request-guard.js";
import type { App } from "../http/route-context.js";
import type { ServerMetrics } from "../ops/metrics.js";
import { parseSdkClientReport } from "../sdk-clients/sdk-client-report.js";
import type { SdkClientRepository } from "../sdk-clients/sdk-client-repository.js";
import { parseContext, withRequestData } from "./context.js";
import { evaluateAllJson, type FlagSnapshots } from "./flag-snapshots.js";
import { CLIENT_ALLOWED_HEADERS, corsHeaders, SDK_KEY_HEADER } from "./protocol-headers.js";
import { SdkError, sendSdkError, sendUnexpectedSdkError } from "./sdk-errors.js";

declare module "fastify" {
  interface FastifyRequest {
    sdk?: KeyGrant;
  }
}

/** What Fastify says of the JSON it serialises. */
const JSON_TYPE = "application/json; charset=utf-8";

/** Adds CORS headers for a credentialed browser request (see corsHeaders). */
export function allowOrigin(request: FastifyRequest, reply: FastifyReply): void {
  reply.headers(corsHeaders(request));
}

/**
 * Resolves the SDK key of a request and refuses the other kind of key (`kind` undefined: any
 * kind). A key in use is found in memory; an address that sent too many bad keys gets 429
 * before its key is looked up, so a flood of random keys costs no database query.
 */
export async function authenticateSdk(
  keys: SdkKeyCache,
  guard: RequestGuard,
  request: FastifyRequest,
  secret: unknown,
  kind: "server" | "client" | undefined,
): Promise<KeyGrant> {
  const refuse = (message: string): never => {
    const wait = guard.refused(request, "sdk_key_invalid");
    if (wait > 0) throw tooManyBadKeys(wait);
    throw new SdkError(401, "INVALID_SDK_KEY", message);
  };
  if (typeof secret !== "string" || secret.length === 0)
    return refuse(`Send the SDK key in the ${SDK_KEY_HEADER} header`);
  let grant = keys.cached(secret);
  if (!grant) {
    const wait = guard.lookupWait(request);
    if (wait > 0) throw tooManyBadKeys(wait);
    grant = await keys.resolve(secret);
  }
  if (!grant) return refuse("Invalid SDK key");
  if (kind && grant.kind !== kind) {
    return refuse(
      kind === "server"
        ? "This endpoint needs a server SDK key"
        : "This endpoint needs a client SDK key; never ship a server key to browsers",
    );
  }
  return grant;
}

const tooManyBadKeys = (seconds: number) =>
  new SdkError(
    429,
    "UNKNOWN_ERROR",
    "Too many requests with an invalid SDK key from this address",
    seconds,
  );

/** Serves every path with and without the `/worker` prefix of the transitional SDK builds. */
export function bothPrefixes(path: string): string[] {
  return [path, `/worker${path}`];
}

export interface SdkRouteDeps {
  countryHeader: string | undefined;
  keys: SdkKeyCache;
  guard: RequestGuard;
  snapshots: FlagSnapshots;
  ingest: TrackIngest;
  metrics: ServerMetrics;
  /** Where our SDKs' reports of what they dropped go. */
  sdkClients: SdkClientRepository;
}

/**
 * Where tracked items go (events/raw-ingest.ts): impressions as parsed JSON (`own`: from our own
 * SDK endpoint, with variant ids and reasons), event batches as the text they arrived as. Each
 * answers with what was accepted and rejected.
 */
export interface TrackIngest {
  impressions(
    environmentId: number,
    source: "server" | "client",
    body: unknown,
    own?: boolean,
  ): Promise<object>;
  events(environmentId: number, source: "server" | "client", text: string): Promise<object>;
}

/** The FlagSync SDK endpoints: bootstrap, remote evaluation and tracking. */
export function registerSdkRoutes(app: App, deps: SdkRouteDeps): void {
  const { keys, guard, snapshots, ingest, metrics } = deps;
  const serverAuth = async (request: FastifyRequest) => {
    request.sdk = await authenticateSdk(
      keys,
      guard,
      request,
      request.headers[SDK_KEY_HEADER],
      "server",
    );
  };
  const clientAuth = async (request: FastifyRequest, reply: FastifyReply) => {
    allowOrigin(request, reply);
    request.sdk = await authenticateSdk(
      keys,
      guard,
      request,
      request.headers[SDK_KEY_HEADER],
      "client",
    );
  };
  // Tracking is limited per key, so one flooding app cannot crowd out the others.
  const trackAuth = (kind: "server" | "client") => {
    const auth = kind === "server" ? serverAuth : clientAuth;
    return async (request: FastifyRequest, reply: FastifyReply) => {
      await auth(request, reply);
      const wait = guard.trackWait(request, (request.sdk as KeyGrant).keyId);
      if (wait > 0)
        throw new SdkError(
          429,
          "UNKNOWN_ERROR",
          "Too many tracking requests for this SDK key",
          wait,
        );
    };
  };
  const environmentOf = (request: FastifyRequest): number =>
    (request.sdk as KeyGrant).environmentId;
  const hide = { hide: true };

  app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => {
      if (error instanceof SdkError) return sendSdkError(reply, request, error);
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 400 && status < 500) {
        return sendSdkError(
          reply,
          request,
          new SdkError(
            status,
            "INVALID_CONFIGURATION",
            status === 413 ? "The request body is too large" : "The request is not valid JSON",
          ),
        );
      }
      return sendUnexpectedSdkError(reply, request, error);
    });

    // Preflight for browser SDKs: exact origin with credentials, the protocol's headers.
    for (const path of [
      "/sdk/init-client",
      "/sdk/flags",
      "/track/impressions/client",
      "/track/events/client",
      "/sse/sdk-updates/client",
    ]
      .flatMap(bothPrefixes)
      .concat([
        "/v1/track/impressions/client",
        "/v1/track/events/client",
        "/v1/sdk/diagnostics/client",
        "/v1/sdk/flags",
      ])) {
      scope.options(path, { schema: hide }, async (request, reply) => {
        allowOrigin(request, reply);
        reply.header("access-control-allow-methods", "GET, POST, OPTIONS");
        reply.header(
          "access-control-allow-headers",
          request.headers["access-control-request-headers"] ?? CLIENT_ALLOWED_HEADERS,
        );
        reply.header("access-control-max-age", "600");
        return reply.code(204).send();
      });
    }

    for (const path of bothPrefixes("/sdk/init-server")) {
      scope.post(path, { schema: hide, onRequest: serverAuth }, async () => ({}));
    }
    for (const path of bothPrefixes("/sdk/rules")) {
      scope.route({
        method: ["GET", "POST"],
        url: path,
        schema: hide,
        onRequest: serverAuth,
        handler: async (request, reply) => {
          const snapshot = await snapshots.get(environmentOf(request));
          return reply.type("application/json").send(snapshot.rulesBody);
        },
      });
    }
    for (const path of bothPrefixes("/sdk/init-client")) {
      scope.post(path, { schema: hide, onRequest: clientAuth }, async (request) => {
        parseContext((request.body as { context?: unknown } | null)?.context, "context");
        return {};
      });
    }
    /** The flag map of a request's context, as JSON text (FlagSync's values, or our details). */
    const flagsJson = async (request: FastifyRequest, details: boolean) => {
      const context = parseContext(
        (request.body as { context?: unknown } | null)?.context,
        "context",
      );
      const snapshot = await snapshots.get(environmentOf(request));
      const json = evaluateAllJson(
        snapshot,
        withRequestData(context, request, deps.countryHeader),
        { onEvaluated: metrics.countEvaluations, details },
      );
      return { context, json };
    };
    for (const path of bothPrefixes("/sdk/flags")) {
      scope.post(path, { schema: hide, onRequest: clientAuth }, async (request, reply) => {
        const { context, json } = await flagsJson(request, false);
        return reply.type(JSON_TYPE).send(`{"flags":${json},"context":${JSON.stringify(context)}}`);
      });
    }

    // Our own client SDK: each flag with its variant, variant id and reason.
    scope.post("/v1/sdk/flags", { schema: hide, onRequest: clientAuth }, async (request, reply) => {
      const { json } = await flagsJson(request, true);
      return reply.type(JSON_TYPE).send(`{"flags":${json}}`);
    });

    for (const kind of ["server", "client"] as const) {
      const auth = trackAuth(kind);
      for (const path of bothPrefixes(`/track/impressions/${kind}`)) {
        scope.post(path, { schema: hide, onRequest: auth }, async (request) =>
          ingest.impressions(environmentOf(request), kind, request.body),
        );
      }
      // Our own SDK endpoints: impressions name the variant id and the reason of the evaluation.
      scope.post(
        `/v1/track/impressions/${kind}`,
        { schema: hide, onRequest: auth },
        async (request) => ingest.impressions(environmentOf(request), kind, request.body, true),
      );
    }

    // Our SDKs report what they dropped (full queues); limited per key like tracking.
    for (const kind of ["server", "client"] as const) {
      scope.post(
        `/v1/sdk/diagnostics/${kind}`,
        { schema: hide, onRequest: trackAuth(kind) },
        async (request) => {
          const parsed = parseSdkClientReport(request.body);
          if ("problem" in parsed) throw new SdkError(400, "INVALID_CONFIGURATION", parsed.problem);
          await deps.sdkClients.report(
            environmentOf(request),
            parsed.report,
            new Date().toISOString(),
          );
          return {};
        },
      );
    }

    // Event batches go to the ingestion writer as the JSON text they arrived as: it parses and
    // validates them on its own thread, so this one only moves bytes (sendBeacon sends text/plain).
    scope.register(async (events) => {
      events.removeAllContentTypeParsers();
      events.addContentTypeParser(
        ["application/json", "text/plain"],
        { parseAs: "string" },
        (_request, body, done) => done(null, body),
      );
      for (const kind of ["server", "client"] as const) {
        const auth = trackAuth(kind);
        for (const path of [...bothPrefixes(`/track/events/${kind}`), `/v1/track/events/${kind}`]) {
          events.post(path, { schema: hide, onRequest: auth }, async (request) =>
            ingest.events(environmentOf(request), kind, request.body as string),
          );
        }
      }
    });
  });
}
