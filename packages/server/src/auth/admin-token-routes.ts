import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { AppError } from "../http/errors.js";
import { type App, errorResponses } from "../http/route-context.js";
import { actorOf } from "./admin-auth.js";
import type { AdminToken, AdminTokenRepository } from "./admin-token-repository.js";
import {
  AdminTokenCreateSchema,
  AdminTokenParams,
  AdminTokenSchema,
  CreatedAdminTokenSchema,
  PersonalTokenCreateSchema,
} from "./admin-token-schemas.js";
import type { AdminTokenService } from "./admin-token-service.js";

const tokenView = (token: AdminToken, workspaceKey: string | null = null) => ({
  id: token.id,
  name: token.name,
  hint: token.hint,
  createdAt: token.createdAt,
  revokedAt: token.revokedAt,
  active:
    token.revokedAt === null &&
    (token.expiresAt === null || Date.parse(token.expiresAt) > Date.now()),
  kind: (token.userId !== null ? "personal" : token.role !== null ? "service" : "instance") as
    | "instance"
    | "service"
    | "personal",
  workspace: workspaceKey,
  role: token.role,
  scope: token.scope,
  expiresAt: token.expiresAt,
  lastUsedAt: token.lastUsedAt,
});

/** Admin API tokens under /api/v1/admin-tokens: list, create (the secret shown once), revoke. */
export function registerAdminTokenRoutes(
  app: App,
  deps: {
    service: AdminTokenService;
    tokens: AdminTokenRepository;
    /** Workspace ids and keys, for service tokens. */
    workspaces: {
      idOf(key: string): Promise<number | undefined>;
      keyOf(id: number): Promise<string | undefined>;
    };
  },
): void {
  const { service, tokens, workspaces } = deps;
  const view = async (token: AdminToken) =>
    tokenView(
      token,
      token.workspaceId === null ? null : ((await workspaces.keyOf(token.workspaceId)) ?? null),
    );
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
    async () => Promise.all((await tokens.list()).map(view)),
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
      const { name, workspace, role, scope, expiresAt } = request.body;
      if ((workspace === undefined) !== (role === undefined))
        throw new AppError(
          "validation_failed",
          "A service token needs both a workspace and a role",
          [
            {
              field: workspace === undefined ? "body.workspace" : "body.role",
              message: "is required with the other",
            },
          ],
        );
      const workspaceId = workspace === undefined ? null : await workspaces.idOf(workspace);
      if (workspaceId === undefined)
        throw new AppError("workspace_not_found", `Workspace "${workspace}" does not exist`, [
          { field: "body.workspace", message: "no such workspace" },
        ]);
      const { token, secret } = await service.create(name, actorOf(request).name, {
        workspaceId,
        role: role ?? null,
        scope: scope ?? null,
        expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString(),
      });
      return reply.code(201).send({ ...(await view(token)), secret });
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
      await service.revoke(request.params.id, actorOf(request).name);
      return reply.code(204).send(null);
    },
  );
}

/** The caller's personal tokens under /api/v1/me/tokens: they act as the user, capped by their scope. */
export function registerPersonalTokenRoutes(
  app: App,
  deps: { service: AdminTokenService; tokens: AdminTokenRepository },
): void {
  const { service, tokens } = deps;
  const tags = ["admin tokens"];
  const owner = (request: FastifyRequest): number => {
    const user = request.admin?.user;
    if (!user) throw new AppError("bad_request", "Only a user has personal tokens");
    return user.id;
  };
  app.get(
    "/api/v1/me/tokens",
    {
      schema: {
        tags,
        description: "The caller's personal tokens (hints only).",
        response: { 200: Type.Array(AdminTokenSchema), ...errorResponses },
      },
    },
    async (request) => (await tokens.listOf(owner(request))).map((t) => tokenView(t)),
  );
  app.post(
    "/api/v1/me/tokens",
    {
      schema: {
        tags,
        description:
          "Creates a personal token; the response is the only place its secret is shown.",
        body: PersonalTokenCreateSchema,
        response: { 201: CreatedAdminTokenSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { name, scope, expiresAt } = request.body;
      const { token, secret } = await service.create(name, request.admin?.name ?? "unknown", {
        userId: owner(request),
        scope: scope ?? null,
        expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString(),
      });
      return reply.code(201).send({ ...tokenView(token), secret });
    },
  );
  app.delete(
    "/api/v1/me/tokens/:id",
    {
      schema: {
        tags,
        description: "Revokes one of the caller's personal tokens.",
        params: AdminTokenParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.revoke(request.params.id, request.admin?.name ?? "unknown", owner(request));
      return reply.code(204).send(null);
    },
  );
}
