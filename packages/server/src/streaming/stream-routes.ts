import type { EvaluationContext } from "@flagsync-oss/core";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import type { SdkKeyCache } from "../auth/sdk-key-cache.js";
import type { KeyGrant } from "../auth/sdk-key-repository.js";
import type { RequestGuard } from "../http/request-guard.js";
import type { App } from "../http/route-context.js";
import { parseContextText, withRequestData } from "../sdk-api/context.js";
import { corsHeaders, SDK_KEY_HEADER, USER_CONTEXT_HEADER } from "../sdk-api/protocol-headers.js";
import { SdkError, sendSdkError, sendUnexpectedSdkError } from "../sdk-api/sdk-errors.js";
import { authenticateSdk, bothPrefixes } from "../sdk-api/sdk-routes.js";
import { isDatabaseUnavailable } from "../storage/postgres-pool.js";
import type { StreamConnection, StreamHub } from "./stream-hub.js";
import type { StreamLimits } from "./stream-limits.js";

/** When an SSE client comes back after the database was unavailable, and after a stream cap. */
const SSE_RETRY_UNAVAILABLE_MS = 5_000;
const SSE_RETRY_REFUSED_MS = 60_000;

declare module "fastify" {
  interface FastifyRequest {
    streamContext?: EvaluationContext;
  }
}

function sseConnection(reply: FastifyReply, keyId: number): StreamConnection {
  const res = reply.raw;
  return {
    transport: "sse",
    keyId,
    write: (text) => {
      if (res.destroyed || res.writableEnded) return false;
      res.write(text);
      return true;
    },
    buffered: () => res.writableLength,
    heartbeat: () => {
      if (!res.destroyed) res.write(": ping\n\n");
    },
    close: () => res.end(),
  };
}

/**
 * A WebSocket stream. `ping`: a text frame sent with each heartbeat too, for browsers, which
 * answer protocol pings without telling the page: a page that hears nothing for a while knows
 * its connection is dead (a proxy may keep a dead one open for hours).
 */
function wsConnection(socket: WebSocket, keyId: number, ping?: Buffer): StreamConnection {
  return {
    transport: "ws",
    keyId,
    write: (text) => {
      if (socket.readyState !== socket.OPEN) return false;
      socket.send(text, { binary: false });
      return true;
    },
    buffered: () => socket.bufferedAmount,
    heartbeat: () => {
      if (socket.readyState !== socket.OPEN) return;
      socket.ping();
      if (ping) socket.send(ping, { binary: false });
    },
    // 1012 (service restart), never 1000: the SDKs treat 1000 as final and stop reconnecting.
    close: () => socket.close(1012, "reconnect"),
  };
}

/** SDK streams: SSE for server and client keys, and the WebSocket of the latest SDKs. */
export function registerStreamRoutes(
  app: App,
  deps: {
    keys: SdkKeyCache;
    guard: RequestGuard;
    hub: StreamHub;
    limits: StreamLimits;
    countryHeader: string | undefined;
  },
): void {
  const { keys, guard, hub, limits } = deps;
  const hide = { hide: true };
  /** Takes a WebSocket's stream slot, given back when its connection closes; or refuses. */
  const takeSlot = (request: FastifyRequest, keyId: number): void => {
    const slot = limits.open(request.ip, keyId);
    // A refused upgrade makes the SDKs try again after 5 s (protocol §6.3).
    if ("refused" in slot) throw new SdkError(429, "UNKNOWN_ERROR", slot.refused);
    request.raw.socket.once("close", slot.release);
  };

  app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => {
      if (error instanceof SdkError) return sendSdkError(reply, request, error);
      return sendUnexpectedSdkError(reply, request, error);
    });

    for (const kind of ["server", "client"] as const) {
      for (const path of bothPrefixes(`/sse/sdk-updates/${kind}`)) {
        scope.get(path, { schema: hide }, async (request, reply) => {
          const headers: Record<string, string> = {
            "content-type": "text/event-stream; charset=utf-8",
            "cache-control": "no-cache, no-transform",
            connection: "keep-alive",
            "x-accel-buffering": "no",
          };
          if (kind === "client") Object.assign(headers, corsHeaders(request));
          // The SDKs' SSE clients give up for good on any status but 200 (protocol §6.1): a
          // stream that cannot be served now is answered 200, told when to come back, and ended.
          const comeBack = (ms: number, why: string) => {
            reply.hijack();
            reply.raw.writeHead(200, headers);
            reply.raw.end(`: ${why}\nretry: ${ms}\n\n`);
          };
          const unavailable = (error: unknown) => {
            if (!isDatabaseUnavailable(error)) throw error;
            request.log.warn({ err: error }, "database unavailable");
            comeBack(SSE_RETRY_UNAVAILABLE_MS, "the database is unavailable; retry later");
          };
          let grant: KeyGrant;
          try {
            grant = await authenticateSdk(
              keys,
              guard,
              request,
              request.headers[SDK_KEY_HEADER],
              kind,
            );
          } catch (error) {
            return unavailable(error);
          }
          const context =
            kind === "client"
              ? withRequestData(
                  parseContextText(request.headers[USER_CONTEXT_HEADER], USER_CONTEXT_HEADER),
                  request,
                  deps.countryHeader,
                )
              : undefined;
          try {
            await hub.prepare(grant.environmentId);
          } catch (error) {
            return unavailable(error);
          }
          const slot = limits.open(request.ip, grant.keyId);
          if ("refused" in slot) return comeBack(SSE_RETRY_REFUSED_MS, slot.refused);
          reply.raw.once("close", slot.release);
          reply.hijack();
          // Drain any request body, so a client that hangs up is noticed at once.
          request.raw.resume();
          reply.raw.writeHead(200, headers);
          request.raw.socket.setNoDelay(true);
          const connection = sseConnection(reply, grant.keyId);
          let closed = false;
          let remove: (() => void) | undefined;
          reply.raw.on("close", () => {
            closed = true;
            remove?.();
          });
          try {
            remove = context
              ? await hub.addClient(grant.environmentId, context, connection)
              : await hub.addServer(grant.environmentId, connection);
          } catch {
            // The flags could not be loaded after all: end the stream, and the SDK reconnects.
            reply.raw.end();
            return;
          }
          if (closed) remove();
        });
      }
    }

    // Server SDKs authenticate the upgrade with headers; browsers cannot, so they use the query.
    const authenticateUpgrade = async (request: FastifyRequest, details: boolean) => {
      const query = request.query as Record<string, unknown>;
      const headerKey = request.headers[SDK_KEY_HEADER];
      const queryKey = query[SDK_KEY_HEADER];
      const secret = headerKey ?? queryKey;
      const grant = await authenticateSdk(keys, guard, request, secret, undefined);
      if (details && grant.kind !== "client")
        throw new SdkError(401, "INVALID_SDK_KEY", "This stream needs a client SDK key");
      // The query is for browsers, which cannot set headers; a server key there would stream
      // every rule to whoever sees the URL (proxy logs, history), so it is refused.
      if (grant.kind === "server" && headerKey === undefined) {
        throw new SdkError(
          401,
          "INVALID_SDK_KEY",
          `Send a server key in the ${SDK_KEY_HEADER} header, never in the URL`,
        );
      }
      if (grant.kind === "client") {
        request.streamContext = withRequestData(
          parseContextText(
            request.headers[USER_CONTEXT_HEADER] ?? query[USER_CONTEXT_HEADER],
            USER_CONTEXT_HEADER,
          ),
          request,
          deps.countryHeader,
        );
      }
      await hub.prepare(grant.environmentId);
      // An upgraded connection is the WebSocket's alone: the slot goes back when it closes.
      takeSlot(request, grant.keyId);
      request.sdk = grant;
    };
    // Our own client SDK's stream (`/v1/`): flags with their variants and reasons (removed ones
    // null); client keys only; a text ping `{"type":"ping","intervalMs":…}` right after the
    // first message and with every heartbeat, so the page can tell a dead connection.
    const ping = Buffer.from(JSON.stringify({ type: "ping", intervalMs: hub.heartbeatMs }));
    for (const path of [...bothPrefixes("/sdk/connect"), "/v1/sdk/connect"]) {
      const details = path.startsWith("/v1/");
      scope.route({
        method: "GET",
        url: path,
        schema: hide,
        preValidation: (request) => authenticateUpgrade(request, details),
        // A plain GET (no Upgrade header) gets the protocol's error body, not an empty 404.
        handler: async () => {
          throw new SdkError(
            426,
            "INVALID_CONFIGURATION",
            "Connect with a WebSocket upgrade (Upgrade: websocket)",
          );
        },
        wsHandler: (socket, request) => {
          const grant = request.sdk;
          if (!grant) return socket.close(1008, "unauthenticated");
          const connection = wsConnection(socket, grant.keyId, details ? ping : undefined);
          // An upgraded request is never answered through Fastify: its one log line is here.
          const opened = performance.now();
          socket.once("close", (code) =>
            request.log.info(
              {
                req: request,
                res: { statusCode: 101 },
                closeCode: code,
                responseTime: performance.now() - opened,
              },
              "request completed",
            ),
          );
          // Messages from SDKs are not part of the protocol; ignore them.
          socket.on("message", () => {});
          const registered = request.streamContext
            ? hub.addClient(grant.environmentId, request.streamContext, connection, details)
            : hub.addServer(grant.environmentId, connection);
          registered.then(
            (remove) => {
              if (socket.readyState !== socket.OPEN) return remove();
              socket.on("close", remove);
              if (details) connection.heartbeat();
            },
            () => socket.close(1011, "unavailable"),
          );
        },
      });
    }
  });
}
