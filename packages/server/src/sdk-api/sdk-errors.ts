import type { FastifyReply, FastifyRequest } from "fastify";
import { pathOf } from "../http/error-handler.js";

/** Error codes the FlagSync SDKs know. */
export type SdkErrorCode =
  | "INVALID_SDK_KEY"
  | "INVALID_CONFIGURATION"
  | "UNKNOWN_ERROR"
  | "INVALID_SDK_DEFINITION"
  | "USER_CONTEXT_NOT_FOUND";

/** An expected SDK API failure, sent with the protocol's error body. */
export class SdkError extends Error {
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
