import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type ErrorBody, type FieldError } from "./errors.js";

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

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
    const message =
      e.keyword === "additionalProperties"
        ? "is not a known field"
        : e.keyword === "required"
          ? "is required"
          : (e.message ?? "is not valid");
    return { field: field ? `${root}.${field}` : root, message };
  });
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
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
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
      const details = fieldErrors(fastifyError.validation, fastifyError.validationContext);
      return sendError(reply, request, {
        statusCode: 400,
        errorCode: "validation_failed",
        message: `Invalid request: ${details.map((d) => `${d.field} ${d.message}`).join("; ")}`,
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
    request.log.error({ err: error }, "request failed");
    return sendError(reply, request, {
      statusCode: 500,
      errorCode: "internal",
      message: "Something went wrong on our side; the request id is in the logs",
    });
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, request, {
      statusCode: 404,
      errorCode: "not_found",
      message: `No route ${request.method} ${pathOf(request.url)}`,
    }),
  );
}
