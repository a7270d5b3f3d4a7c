import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isDatabaseUnavailable } from "../storage/postgres-pool.js";
import { AppError, type ErrorBody, type FieldError } from "./errors.js";
import { type AjvError, validationMessage } from "./validation-messages.js";

/** What a request that met an unavailable database is told. */
export const DATABASE_UNAVAILABLE = "The database is unavailable right now; retry in a moment";

/** Turns Ajv's errors into one entry per bad field, named by a dotted path. */
function fieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  const root = context === "querystring" ? "query" : (context ?? "body");
  return validation.map((e) => {
    let field = e.instancePath
      .split("/")
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join("")
      .replace(/^\./, "");
    if (e.keyword === "required")
      field = [field, String(e.params.missingProperty)].filter(Boolean).join(".");
    if (e.keyword === "additionalProperties")
      field = [field, String(e.params.additionalProperty)].filter(Boolean).join(".");
    return { field: field ? `${root}.${field}` : root, message: validationMessage(e) };
  });
}

/** Field errors listed in a response; a body of thousands of bad fields gets the first ones. */
const MAX_FIELD_ERRORS = 20;
/** Longest field name or field message echoed back (a field name comes from the request). */
const MAX_FIELD_TEXT = 200;
/** Longest `message` of a validation error. */
const MAX_MESSAGE = 2000;

const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/**
 * At most MAX_FIELD_ERRORS details, each clipped, plus one entry counting the rest, and a
 * message of bounded length: the answer to a body of many bad fields stays small.
 */
function boundedFieldErrors(all: FieldError[]): { details: FieldError[]; message: string } {
  const details = all.slice(0, MAX_FIELD_ERRORS).map((d) => ({
    field: clip(d.field, MAX_FIELD_TEXT),
    message: clip(d.message, MAX_FIELD_TEXT),
  }));
  const rest = all.length - details.length;
  const listed = details.map((d) => `${d.field} ${d.message}`).join("; ");
  const more = rest > 0 ? `; and ${rest} more` : "";
  if (rest > 0) {
    const root = all[0]?.field.split(/[.[]/)[0] || "body";
    details.push({ field: root, message: `${rest} more problems are not listed` });
  }
  return {
    details,
    message: clip(`Invalid request: ${listed}`, MAX_MESSAGE - more.length) + more,
  };
}

/** The path part of a URL, without its query (which may carry a key). */
export function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

/** Sends the one error shape: `{ statusCode, errorCode, message, path, details? }`. */
export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  body: Omit<ErrorBody, "path">,
): FastifyReply {
  return reply
    .code(body.statusCode)
    .type("application/json")
    .send({ ...body, path: pathOf(request.url) });
}

/** Maps every failure, schema validation included, to the one JSON error shape; hides internals. */
export function registerErrorHandler(
  app: FastifyInstance,
  /** Answers a request no route matched (the dashboard's page for its routes); true if it did. */
  fallback?: (request: FastifyRequest, reply: FastifyReply) => boolean,
): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.retryAfterSeconds) reply.header("retry-after", String(error.retryAfterSeconds));
      return sendError(reply, request, {
        statusCode: error.statusCode,
        errorCode: error.errorCode,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      });
    }
    const fastifyError = error as FastifyError & {
      validation?: AjvError[];
      validationContext?: string;
    };
    if (fastifyError.validation) {
      const { details, message } = boundedFieldErrors(
        fieldErrors(fastifyError.validation, fastifyError.validationContext),
      );
      return sendError(reply, request, {
        statusCode: 400,
        errorCode: "validation_failed",
        message,
        details,
      });
    }
    const status = fastifyError.statusCode ?? 500;
    if (status === 413) {
      return sendError(reply, request, {
        statusCode: 413,
        errorCode: "payload_too_large",
        message: "The request body is too large",
      });
    }
    if (status === 415) {
      return sendError(reply, request, {
        statusCode: 415,
        errorCode: "unsupported_media_type",
        message: "Send JSON with Content-Type: application/json",
      });
    }
    if (status >= 400 && status < 500) {
      const message =
        fastifyError.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError
          ? "The body is not valid JSON"
          : fastifyError.message;
      return sendError(reply, request, { statusCode: status, errorCode: "bad_request", message });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, "database unavailable");
      reply.header("retry-after", "1");
      return sendError(reply, request, {
        statusCode: 503,
        errorCode: "unavailable",
        message: DATABASE_UNAVAILABLE,
      });
    }
    request.log.error({ err: error }, "request failed");
    return sendError(reply, request, {
      statusCode: 500,
      errorCode: "internal",
      message: "Something went wrong on our side; the request id is in the logs",
    });
  });
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendError(reply, request, {
      statusCode: 404,
      errorCode: "not_found",
      message: `No route ${request.method} ${pathOf(request.url)}`,
    });
  // A request no route takes is answered before its body is read: nobody may have the server
  // parse a body just to learn that the path does not exist.
  app.addHook("onRequest", async (request, reply) => {
    if (request.is404 && request.method !== "GET" && request.method !== "HEAD")
      return notFound(request, reply);
  });
  app.setNotFoundHandler((request, reply) => {
    if (fallback?.(request, reply)) return reply;
    return notFound(request, reply);
  });
}

/**
 * Answers what Node's HTTP parser refuses before Fastify sees a request (headers over the size
 * limit, broken framing, a request that never finished) with the one JSON error shape instead
 * of Fastify's default body; otherwise behaves like Fastify's default handler. `path` is empty
 * when the request line is not in the packet Node's parser reports.
 */
export function handleClientError(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const status =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? 408
      : error.code === "HPE_HEADER_OVERFLOW"
        ? 431
        : 400;
  const message =
    status === 408
      ? "The request did not arrive in time"
      : status === 431
        ? "The request headers are too large"
        : "The request is not valid HTTP";
  const raw = Buffer.isBuffer(error.rawPacket)
    ? error.rawPacket.subarray(0, 8192).toString("latin1")
    : "";
  const target = /^[A-Z]+ (\S+) HTTP\//.exec(raw)?.[1] ?? "";
  const body = JSON.stringify({
    statusCode: status,
    errorCode: "bad_request",
    message,
    path: pathOf(target),
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
