import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../http/errors.js";
import type { RequestGuard } from "../http/request-guard.js";
import type { AdminIdentity, AdminTokenRepository } from "./admin-token-repository.js";

declare module "fastify" {
  interface FastifyRequest {
    admin?: AdminIdentity;
  }
}

const tooMany = (seconds: number, message: string) =>
  new AppError("rate_limited", message, undefined, seconds);

/**
 * An onRequest hook (it runs before the body is read) requiring `Authorization: Bearer <admin
 * token>`. An address that sent too many wrong tokens is locked out for a while, and one over
 * its budget of refused requests gets 429 without its token being looked up.
 */
export function requireAdmin(tokens: AdminTokenRepository, guard: RequestGuard) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const locked = guard.signInLockedFor(request);
    if (locked > 0)
      throw tooMany(locked, "Too many wrong admin tokens from this address; try again later");
    const header = request.headers.authorization;
    const match = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      const wait = guard.refused(request, "admin_token_missing");
      if (wait > 0) throw tooMany(wait, "Too many requests without an admin token");
      throw new AppError("unauthorized", "Send an admin token as Authorization: Bearer <token>");
    }
    const wait = guard.lookupWait(request);
    if (wait > 0) throw tooMany(wait, "Too many refused requests from this address");
    const identity = await tokens.identify(match[1]);
    if (!identity) {
      const lockout = guard.signInFailed(request);
      const over = guard.refused(request, "admin_token_invalid");
      if (lockout > 0)
        throw tooMany(lockout, "Too many wrong admin tokens from this address; try again later");
      if (over > 0) throw tooMany(over, "Too many refused requests from this address");
      throw new AppError("unauthorized", "The admin token is unknown or revoked");
    }
    guard.signInSucceeded(request);
    request.admin = identity;
  };
}
