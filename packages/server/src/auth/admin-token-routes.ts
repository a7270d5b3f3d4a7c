import { Type } from "typebox";
import { type App, errorResponses } from "../http/route-context.js";
import type { AdminToken, AdminTokenRepository } from "./admin-token-repository.js";
import {
  AdminTokenCreateSchema,
  AdminTokenParams,
  AdminTokenSchema,
  CreatedAdminTokenSchema,
} from "./admin-token-schemas.js";
import type { AdminTokenService } from "./admin-token-service.js";

const tokenView = (token: AdminToken) => ({
  id: token.id,
  name: token.name,
  hint: token.hint,
  createdAt: token.createdAt,
  revokedAt: token.revokedAt,
  active: token.revokedAt === null,
});

/** Admin API tokens under /api/v1/admin-tokens: list, create (the secret shown once), revoke. */
export function registerAdminTokenRoutes(
  app: App,
  deps: { service: AdminTokenService; tokens: AdminTokenRepository },
): void {
  const { service, tokens } = deps;
  const actor = (request: { admin?: { name: string } }) => request.admin?.name ?? "unknown";
  const tags = ["admin tokens"];

  app.get(
    "/api/v1/admin-tokens",
    {
      schema: {
        tags,
        description: "Every admin token, revoked ones included; hints only, never the secrets.",
        response: { 200: Type.Array(AdminTokenSchema), ...errorResponses },
      },
    },
    async () => (await tokens.list()).map(tokenView),
  );

  app.post(
    "/api/v1/admin-tokens",
    {
      schema: {
        tags,
        description: "Creates a token; the response is the only place its secret is shown.",
        body: AdminTokenCreateSchema,
        response: { 201: CreatedAdminTokenSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, secret } = await service.create(request.body.name, actor(request));
      return reply.code(201).send({ ...tokenView(token), secret });
    },
  );

  app.delete(
    "/api/v1/admin-tokens/:id",
    {
      schema: {
        tags,
        description:
          "Revokes a token at once (revoking a revoked one changes nothing). The last working token cannot be revoked: 409.",
        params: AdminTokenParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.revoke(request.params.id, actor(request));
      return reply.code(204).send(null);
    },
  );
}
