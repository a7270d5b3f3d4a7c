import type { FastifyReply, FastifyRequest } from "fastify";
import { DATABASE_UNAVAILABLE, pathOf } from "../http/error-handler.js";
import { isDatabaseUnavailable } from "../storage/postgres-pool.js";

/** Error codes the FlagSync SDKs know. */
export type SdkErrorCode =
  | "INVALID_SDK_KEY"
  | "INVALID_CONFIGURATION"
  | "UNKNOWN_ERROR"
  | "INVALID_SDK_DEFINITION"
  | "USER_CONTEXT_NOT_FOUND";

/** Why a request is refused, as a value (checks that run off the HTTP thread return these). */
export interface SdkProblem {
  statusCode: number;
  errorCode: SdkErrorCode;
  message: string;
}

/** An expected SDK API failure, sent with the protocol's error body. */
export class SdkError extends Error {
  /** The error of a problem a check returned, for a route to throw. */
  static of(problem: SdkProblem): SdkError {
    return new SdkError(problem.statusCode, problem.errorCode, problem.message);
  }

  constructor(
    readonly statusCode: number,
    readonly errorCode: SdkErrorCode,
    message: string,
    /** Sent as Retry-After (with 429). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The protocol's error body: all four fields, so every SDK version parses it. */
export function sendSdkError(
  reply: FastifyReply,
  request: FastifyRequest,
  error: SdkError,
): FastifyReply {
  if (error.retryAfterSeconds) reply.header("retry-after", String(error.retryAfterSeconds));
  return reply
    .code(error.statusCode)
    .type("application/json")
    .send({
      statusCode: error.statusCode,
      errorCode: error.errorCode,
      message: error.message,
      path: pathOf(request.url),
    });
}

/**
 * Answers an error no SDK route expected: 503 (with Retry-After) when the database was
 * unavailable, which a retry may get past, else a logged 500.
 */
export function sendUnexpectedSdkError(
  reply: FastifyReply,
  request: FastifyRequest,
  error: unknown,
): FastifyReply {
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, "database unavailable");
    reply.header("retry-after", "1");
    return sendSdkError(reply, request, new SdkError(503, "UNKNOWN_ERROR", DATABASE_UNAVAILABLE));
  }
  request.log.error({ err: error }, "SDK request failed");
  return sendSdkError(
    reply,
    request,
    new SdkError(500, "UNKNOWN_ERROR", "Something went wrong on our side"),
  );
}
