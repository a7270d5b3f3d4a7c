import type { FastifyRequest } from "fastify";

// The FlagSync protocol's request headers (protocol §3), named once.

/** The SDK key. */
export const SDK_KEY_HEADER = "x-ridgeline-key";
/** A client SDK's evaluation context, as JSON (also a query parameter for WebSockets). */
export const USER_CONTEXT_HEADER = "x-ridgeline-user-ctx";
/** The SDK's own description. */
export const SDK_CONTEXT_HEADER = "x-ridgeline-sdk-ctx";

/** Headers the browser SDKs send cross-origin. */
export const CLIENT_ALLOWED_HEADERS = `content-type, ${SDK_KEY_HEADER}, ${USER_CONTEXT_HEADER}, ${SDK_CONTEXT_HEADER}`;

/**
 * The CORS headers of a credentialed browser request: its exact origin, never `*`; none
 * without an origin.
 */
export function corsHeaders(request: FastifyRequest): Record<string, string> {
  const origin = request.headers.origin;
  if (typeof origin !== "string" || origin.length === 0) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    vary: "Origin",
  };
}
