import type { FastifyReply, FastifyRequest } from "fastify";
import type { AdminIdentity, AdminTokenRepository } from "../auth/admin-token-repository.js";
import { AppError } from "./errors.js";

declare module "fastify" {
  interface FastifyRequest {
    admin?: AdminIdentity;
  }
}

/** An onRequest hook (it runs before the body is read) requiring `Authorization: Bearer <admin token>`. */
export function requireAdmin(tokens: AdminTokenRepository) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    const match = typeof header === "string" ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1])
      throw new AppError("unauthorized", "Send an admin token as Authorization: Bearer <token>");
    const identity = await tokens.identify(match[1]);
    if (!identity) throw new AppError("unauthorized", "The admin token is unknown or revoked");
    request.admin = identity;
  };
}
