import { Type } from "typebox";
import { actorOf } from "../auth/admin-auth.js";
import { type App, errorResponses } from "../http/route-context.js";
import { EnvironmentParams } from "../workspaces/workspace-schemas.js";
import type { WorkspaceService } from "../workspaces/workspace-service.js";
import type { FlagRepository } from "./flag-repository.js";
import {
  FlagCreateSchema,
  FlagListQuerySchema,
  FlagSchema,
  FlagUpdateSchema,
  StatePatchSchema,
  StateSchema,
} from "./flag-schemas.js";
import type { FlagService } from "./flag-service.js";

const FlagParams = Type.Object({
  ws: Type.String({ maxLength: 64 }),
  flag: Type.String({ maxLength: 128 }),
});
const FlagEnvParams = Type.Object({
  ...EnvironmentParams.properties,
  flag: Type.String({ maxLength: 128 }),
});

/** Flags and their per-environment states under /api/v1/workspaces/{ws}/flags. */
export function registerFlagRoutes(
  app: App,
  deps: { flags: FlagService; repository: FlagRepository; workspaces: WorkspaceService },
): void {
  const { flags, repository, workspaces } = deps;
  const tags = ["flags"];

  app.get(
    "/api/v1/workspaces/:ws/flags",
    {
      schema: {
        tags,
        params: Type.Object({ ws: Type.String({ maxLength: 64 }) }),
        querystring: FlagListQuerySchema,
        response: {
          200: Type.Object({
            flags: Type.Array(FlagSchema),
            next: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const limit = request.query.limit ?? 100;
      const rows = await repository.list(ws.id, { ...request.query, limit: limit + 1 });
      const page = rows.slice(0, limit);
      return {
        flags: await Promise.all(page.map((f) => flags.view(ws, f))),
        next: rows.length > limit ? (page[page.length - 1]?.key ?? null) : null,
      };
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/flags",
    {
      schema: {
        tags,
        params: Type.Object({ ws: Type.String({ maxLength: 64 }) }),
        body: FlagCreateSchema,
        response: { 201: FlagSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return reply.code(201).send(await flags.create(ws, request.body, actorOf(request)));
    },
  );

  app.get(
    "/api/v1/workspaces/:ws/flags/:flag",
    { schema: { tags, params: FlagParams, response: { 200: FlagSchema, ...errorResponses } } },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return flags.view(ws, await flags.require(ws, request.params.flag));
    },
  );

  app.patch(
    "/api/v1/workspaces/:ws/flags/:flag",
    {
      schema: {
        tags,
        params: FlagParams,
        body: FlagUpdateSchema,
        response: { 200: FlagSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return flags.update(ws, request.params.flag, request.body, actorOf(request));
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/flags/:flag/archive",
    { schema: { tags, params: FlagParams, response: { 200: FlagSchema, ...errorResponses } } },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return flags.setArchived(ws, request.params.flag, true, actorOf(request));
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/flags/:flag/restore",
    { schema: { tags, params: FlagParams, response: { 200: FlagSchema, ...errorResponses } } },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return flags.setArchived(ws, request.params.flag, false, actorOf(request));
    },
  );

  app.delete(
    "/api/v1/workspaces/:ws/flags/:flag",
    { schema: { tags, params: FlagParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      await flags.remove(ws, request.params.flag, actorOf(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/v1/workspaces/:ws/flags/:flag/environments/:env",
    { schema: { tags, params: FlagEnvParams, response: { 200: StateSchema, ...errorResponses } } },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const env = await workspaces.requireEnvironment(ws, request.params.env);
      return (await flags.preview(ws, request.params.flag, env, {})).before;
    },
  );

  const Clause = Type.Object({
    attribute: Type.String(),
    customAttribute: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    operator: Type.String(),
    values: Type.Array(Type.String()),
    matched: Type.Union([Type.Boolean(), Type.Null()], {
      description: "null: not evaluated (an earlier clause failed, or the rule was not reached)",
    }),
  });
  app.post(
    "/api/v1/workspaces/:ws/flags/:flag/environments/:env/explain",
    {
      schema: {
        tags,
        summary: "Why a user gets what they get",
        description:
          "Evaluates the flag for a context as the SDKs do and says why: the value, variant and reason, each rule's and clause's outcome (up to the first rule that matched), and for a rollout the context's bucket (0–99) and each slice. Changes nothing.",
        params: FlagEnvParams,
        body: Type.Object(
          {
            key: Type.String({ minLength: 1, maxLength: 512 }),
            attributes: Type.Optional(Type.Record(Type.String({ maxLength: 200 }), Type.Unknown())),
            bucketingKey: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 512,
                description: "What rollouts bucket by instead of the key",
              }),
            ),
            ip: Type.Optional(Type.String({ maxLength: 64 })),
            country: Type.Optional(Type.String({ maxLength: 8 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            version: Type.Integer({ description: "The state's version evaluated" }),
            value: Type.Unknown(),
            variant: Type.Union([Type.String(), Type.Null()]),
            variantId: Type.Union([Type.Integer(), Type.Null()]),
            reason: Type.String(),
            ruleId: Type.Union([Type.Integer(), Type.Null()]),
            errorCode: Type.Union([Type.String(), Type.Null()]),
            enabled: Type.Boolean(),
            rules: Type.Array(
              Type.Object({
                id: Type.Integer(),
                name: Type.String(),
                variant: Type.Union([Type.String(), Type.Null()]),
                evaluated: Type.Boolean(),
                matched: Type.Boolean(),
                clauses: Type.Array(Clause),
              }),
            ),
            rollout: Type.Union([
              Type.Object({
                bucket: Type.Integer(),
                slices: Type.Array(
                  Type.Object({
                    variant: Type.Union([Type.String(), Type.Null()]),
                    from: Type.Number(),
                    to: Type.Number(),
                    chosen: Type.Boolean(),
                  }),
                ),
              }),
              Type.Null(),
            ]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const env = await workspaces.requireEnvironment(ws, request.params.env);
      const { version, explanation } = await flags.explain(
        ws,
        request.params.flag,
        env,
        request.body,
      );
      const { result } = explanation;
      return {
        version,
        value: result.value,
        variant: result.variantKey ?? null,
        variantId: result.variantId ?? null,
        reason: result.reason,
        ruleId: result.ruleId ?? null,
        errorCode: result.errorCode ?? null,
        enabled: explanation.enabled,
        rules: explanation.rules.map((r) => ({ ...r, variant: r.variant ?? null })),
        rollout: explanation.rollout && {
          bucket: explanation.rollout.bucket,
          slices: explanation.rollout.slices.map((s) => ({ ...s, variant: s.variant ?? null })),
        },
      };
    },
  );

  app.patch(
    "/api/v1/workspaces/:ws/flags/:flag/environments/:env",
    {
      schema: {
        tags,
        params: FlagEnvParams,
        body: StatePatchSchema,
        response: { 200: StateSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const env = await workspaces.requireEnvironment(ws, request.params.env);
      return flags.updateState(ws, request.params.flag, env, request.body, actorOf(request));
    },
  );
}
