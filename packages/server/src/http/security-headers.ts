import type { FastifyInstance } from "fastify";

/**
 * The dashboard's content security policy: its own scripts only, no inline script; inline
 * styles because the component library sets CSS variables at run time; the admin API on the
 * same origin; never framed (clickjacking).
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** What API answers (JSON, CSV, NDJSON) may do in a browser: nothing. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Security headers on every answer: no MIME sniffing, no referrer, no framing, and a content
 * security policy (the dashboard's on its page and files, nothing allowed on API answers).
 * Cross-origin SDK calls are unaffected: these headers govern documents, not CORS.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    reply.header("x-frame-options", "DENY");
    // A 304 has no content type, and a browser keeps the headers it brings on the cached copy:
    // the API's policy there would block the dashboard's own files after a reload.
    if (!reply.hasHeader("content-security-policy") && reply.statusCode !== 304) {
      const type = String(reply.getHeader("content-type") ?? "");
      const page =
        type.startsWith("text/html") || type.startsWith("text/css") || type.includes("javascript");
      reply.header("content-security-policy", page ? DASHBOARD_CSP : API_CSP);
    }
    return payload;
  });
}
