import { Type } from "typebox";
import { actorOf, type Principal } from "../auth/admin-auth.js";
import type { SdkKey, SdkKeyRepository } from "../auth/sdk-key-repository.js";
import { AppError } from "../http/errors.js";
import { type App, errorResponses } from "../http/route-context.js";
import type { Environment, WorkspaceRepository } from "./workspace-repository.js";
import {
  CreatedSdkKeySchema,
  EnvironmentCreateSchema,
  EnvironmentParams,
  EnvironmentSchema,
  EnvironmentUpdateSchema,
  KeyParams,
  NameUpdateSchema,
  RotateSchema,
  SdkKeyCreateSchema,
  SdkKeySchema,
  WorkspaceCreateSchema,
  WorkspaceParams,
  WorkspaceSchema,
} from "./workspace-schemas.js";
import { DEFAULT_ENVIRONMENTS, type WorkspaceService } from "./workspace-service.js";

const keyView = (key: SdkKey, now = new Date().toISOString()) => ({
  id: key.id,
  kind: key.kind,
  name: key.name,
  hint: key.hint,
  createdAt: key.createdAt,
  revokedAt: key.revokedAt,
  active: key.revokedAt === null || key.revokedAt > now,
});

const environmentView = (env: Environment) => ({
  key: env.key,
  name: env.name,
  production: env.isProduction,
  approvals: { required: env.approvalsRequired, approverRole: env.approverRole },
  createdAt: env.createdAt,
});

/** Workspaces, environments and SDK keys under /api/v1. */
export function registerWorkspaceRoutes(
  app: App,
  deps: {
    service: WorkspaceService;
    workspaces: WorkspaceRepository;
    keys: SdkKeyRepository;
    /** The workspaces a caller may see (undefined: all). */
    visible: (principal: Principal | undefined) => Promise<Set<number> | undefined>;
  },
): void {
  const { service, workspaces, keys } = deps;
  const workspaceView = async (ws: {
    id: number;
    key: string;
    name: string;
    createdAt: string;
  }) => ({
    key: ws.key,
    name: ws.name,
    createdAt: ws.createdAt,
    environments: (await workspaces.listEnvironments(ws.id)).map(environmentView),
  });
  const tags = ["workspaces"];

  app.get(
    "/api/v1/workspaces",
    { schema: { tags, response: { 200: Type.Array(WorkspaceSchema), ...errorResponses } } },
    async (request) => {
      const visible = await deps.visible(request.admin);
      const all = await workspaces.list();
      return Promise.all(all.filter((w) => !visible || visible.has(w.id)).map(workspaceView));
    },
  );

  app.post(
    "/api/v1/workspaces",
    {
      schema: {
        tags,
        body: WorkspaceCreateSchema,
        response: {
          201: Type.Object({
            ...WorkspaceSchema.properties,
            keys: Type.Record(Type.String(), Type.Array(CreatedSdkKeySchema)),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const created = await service.createWorkspace(
        body.key,
        body.name ?? body.key,
        body.environments ?? DEFAULT_ENVIRONMENTS,
        actorOf(request).name,
      );
      const keysByEnv: Record<string, (ReturnType<typeof keyView> & { secret: string })[]> = {};
      for (const [env, list] of Object.entries(created.keys))
        keysByEnv[env] = list.map((k) => ({ ...keyView(k.key), secret: k.secret }));
      return reply.code(201).send({ ...(await workspaceView(created.workspace)), keys: keysByEnv });
    },
  );

  app.get(
    "/api/v1/workspaces/:ws",
    {
      schema: {
        tags,
        params: WorkspaceParams,
        response: { 200: WorkspaceSchema, ...errorResponses },
      },
    },
    async (request) => workspaceView(await service.requireWorkspace(request.params.ws)),
  );

  app.patch(
    "/api/v1/workspaces/:ws",
    {
      schema: {
        tags,
        params: WorkspaceParams,
        body: NameUpdateSchema,
        response: { 200: WorkspaceSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await service.requireWorkspace(request.params.ws);
      await service.renameWorkspace(ws, request.body.name, actorOf(request).name);
      return workspaceView({ ...ws, name: request.body.name });
    },
  );

  app.delete(
    "/api/v1/workspaces/:ws",
    {
      schema: { tags, params: WorkspaceParams, response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await service.deleteWorkspace(await service.requireWorkspace(request.params.ws));
      return reply.code(204).send(null);
    },
  );

  const envTags = ["environments"];
  app.get(
    "/api/v1/workspaces/:ws/environments",
    {
      schema: {
        tags: envTags,
        params: WorkspaceParams,
        response: { 200: Type.Array(EnvironmentSchema), ...errorResponses },
      },
    },
    async (request) => {
      const ws = await service.requireWorkspace(request.params.ws);
      return (await workspaces.listEnvironments(ws.id)).map(environmentView);
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/environments",
    {
      schema: {
        tags: envTags,
        params: WorkspaceParams,
        body: EnvironmentCreateSchema,
        response: {
          201: Type.Object({
            ...EnvironmentSchema.properties,
            keys: Type.Array(CreatedSdkKeySchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const ws = await service.requireWorkspace(request.params.ws);
      const { environment, keys: created } = await service.createEnvironment(
        ws,
        request.body.key,
        request.body.name ?? request.body.key,
        request.body.production ?? false,
        actorOf(request).name,
      );
      return reply.code(201).send({
        ...environmentView(environment),
        keys: created.map((k) => ({ ...keyView(k.key), secret: k.secret })),
      });
    },
  );

  app.get(
    "/api/v1/workspaces/:ws/environments/:env",
    {
      schema: {
        tags: envTags,
        params: EnvironmentParams,
        response: { 200: EnvironmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const env = await service.requireEnvironment(
        await service.requireWorkspace(request.params.ws),
        request.params.env,
      );
      return environmentView(env);
    },
  );

  app.patch(
    "/api/v1/workspaces/:ws/environments/:env",
    {
      schema: {
        tags: envTags,
        params: EnvironmentParams,
        body: EnvironmentUpdateSchema,
        response: { 200: EnvironmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await service.requireWorkspace(request.params.ws);
      const env = await service.requireEnvironment(ws, request.params.env);
      const { name, production, approvals } = request.body;
      const updated = await service.updateEnvironment(
        ws,
        env,
        {
          ...(name !== undefined ? { name } : {}),
          ...(production !== undefined ? { isProduction: production } : {}),
          ...(approvals !== undefined
            ? { approvalsRequired: approvals.required, approverRole: approvals.approverRole }
            : {}),
        },
        actorOf(request).name,
      );
      return environmentView(updated);
    },
  );

  app.delete(
    "/api/v1/workspaces/:ws/environments/:env",
    {
      schema: {
        tags: envTags,
        params: EnvironmentParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ws = await service.requireWorkspace(request.params.ws);
      await service.deleteEnvironment(
        ws,
        await service.requireEnvironment(ws, request.params.env),
        actorOf(request).name,
      );
      return reply.code(204).send(null);
    },
  );

  const keyTags = ["sdk-keys"];
  app.get(
    "/api/v1/workspaces/:ws/environments/:env/sdk-keys",
    {
      schema: {
        tags: keyTags,
        params: EnvironmentParams,
        response: { 200: Type.Array(SdkKeySchema), ...errorResponses },
      },
    },
    async (request) => {
      const env = await service.requireEnvironment(
        await service.requireWorkspace(request.params.ws),
        request.params.env,
      );
      return (await keys.list(env.id)).map((k) => keyView(k));
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/environments/:env/sdk-keys",
    {
      schema: {
        tags: keyTags,
        params: EnvironmentParams,
        body: SdkKeyCreateSchema,
        response: { 201: CreatedSdkKeySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ws = await service.requireWorkspace(request.params.ws);
      const env = await service.requireEnvironment(ws, request.params.env);
      const created = await service.createKey(
        ws,
        env,
        request.body.kind,
        request.body.name ?? `${request.body.kind} key`,
        actorOf(request).name,
      );
      return reply.code(201).send({ ...keyView(created.key), secret: created.secret });
    },
  );

  const requireKey = async (params: { ws: string; env: string; id: number }) => {
    const ws = await service.requireWorkspace(params.ws);
    const env = await service.requireEnvironment(ws, params.env);
    const key = await keys.get(env.id, params.id);
    if (!key)
      throw new AppError(
        "not_found",
        `SDK key ${params.id} does not exist in environment "${env.key}"`,
      );
    return { ws, env, key };
  };

  app.delete(
    "/api/v1/workspaces/:ws/environments/:env/sdk-keys/:id",
    {
      schema: {
        tags: keyTags,
        params: KeyParams,
        response: { 200: SdkKeySchema, ...errorResponses },
      },
    },
    async (request) => {
      const { ws, env, key } = await requireKey(request.params);
      await service.revokeKey(ws, env, key, actorOf(request).name);
      return keyView((await keys.get(env.id, key.id)) ?? key);
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/environments/:env/sdk-keys/:id/rotate",
    {
      schema: {
        tags: keyTags,
        params: KeyParams,
        body: Type.Optional(RotateSchema),
        response: { 201: CreatedSdkKeySchema, ...errorResponses },
      },
      // The body is optional: no body means no grace period.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {};
      },
    },
    async (request, reply) => {
      const { ws, env, key } = await requireKey(request.params);
      if (key.revokedAt !== null && key.revokedAt <= new Date().toISOString())
        throw new AppError("conflict", "The key is already revoked");
      const created = await service.rotateKey(
        ws,
        env,
        key,
        request.body?.graceSeconds ?? 0,
        actorOf(request).name,
      );
      return reply.code(201).send({ ...keyView(created.key), secret: created.secret });
    },
  );
}
