import { Type } from "typebox";
import { actorOf, type Principal, workspaceForChange } from "../auth/admin-auth.js";
import { StatePatchSchema, StateSchema } from "../flags/flag-schemas.js";
import { type App, errorResponses } from "../http/route-context.js";
import { EnvironmentParams } from "../workspaces/workspace-schemas.js";
import type { WorkspaceService } from "../workspaces/workspace-service.js";
import type { ChangeRequestService } from "./change-request-service.js";
import type { StateVersions } from "./versions.js";

const Status = Type.Union([
  Type.Literal("open"),
  Type.Literal("applied"),
  Type.Literal("rejected"),
  Type.Literal("cancelled"),
]);

const ChangeRequestSchema = Type.Object({
  id: Type.Integer(),
  flag: Type.String(),
  environment: Type.String(),
  status: Status,
  comment: Type.String(),
  author: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  closedBy: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  baseVersion: Type.Integer({ description: "The state's version the proposal was made against" }),
  appliedVersion: Type.Union([Type.Integer(), Type.Null()]),
  proposal: Type.Record(Type.String(), Type.Unknown(), {
    description: "The change, as a direct change (PATCH of the state) would send it",
  }),
  proposalHash: Type.String({
    description: "SHA-256 of the proposal and its base version: what each approval is bound to",
  }),
  before: StateSchema,
  after: StateSchema,
  approvals: Type.Object({
    required: Type.Integer(),
    approverRole: Type.String(),
    valid: Type.Integer({ description: "Approvals of the current proposal and version" }),
  }),
  reviews: Type.Array(
    Type.Object({
      reviewer: Type.String(),
      decision: Type.String(),
      comment: Type.String(),
      createdAt: Type.String(),
      void: Type.Boolean({
        description: "Given for an earlier proposal or version: it no longer counts",
      }),
    }),
  ),
  stale: Type.Boolean({
    description:
      "The flag changed since the version the request was made against: its approvals are void until it is updated",
  }),
});

const RequestParams = Type.Object({
  ws: Type.String({ maxLength: 64 }),
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
const ReviewBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

/**
 * Change requests under /api/v1/workspaces/{ws}: proposed changes to a flag's state in an
 * environment that requires approvals, their reviews, and applying them.
 */
export function registerChangeRequestRoutes(
  app: App,
  deps: { requests: ChangeRequestService; versions: StateVersions; workspaces: WorkspaceService },
): void {
  const { requests, versions, workspaces } = deps;
  const tags = ["change requests"];
  const response = { 200: ChangeRequestSchema, ...errorResponses };
  /** The workspace of a change to a request, once the caller may change its environment. */
  const changing = (request: { params: { ws: string; id: number }; admin?: Principal }) =>
    workspaceForChange(
      request,
      workspaces.requireWorkspace(request.params.ws),
      async (ws) => (await requests.get(ws, request.params.id)).environment,
    );

  app.post(
    "/api/v1/workspaces/:ws/flags/:flag/environments/:env/change-requests",
    {
      schema: {
        tags,
        description:
          "Proposes a change to the flag's state in the environment: the same body as a direct change (its comment says why). Applied once approved (POST …/change-requests/{id}/apply).",
        params: Type.Object({
          ...EnvironmentParams.properties,
          flag: Type.String({ maxLength: 128 }),
        }),
        body: StatePatchSchema,
        response: { 201: ChangeRequestSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const env = await workspaces.requireEnvironment(ws, request.params.env);
      const opened = await requests.open(
        ws,
        request.params.flag,
        env,
        request.body,
        actorOf(request),
      );
      return reply.code(201).send(opened);
    },
  );

  app.get(
    "/api/v1/workspaces/:ws/change-requests",
    {
      schema: {
        tags,
        description: "Change requests, newest first (at most 200).",
        params: Type.Object({ ws: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            flag: Type.Optional(Type.String({ maxLength: 128 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(ChangeRequestSchema), ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return requests.list(ws, { status: request.query.status, flagKey: request.query.flag });
    },
  );

  app.get(
    "/api/v1/workspaces/:ws/change-requests/:id",
    { schema: { tags, params: RequestParams, response } },
    async (request) =>
      requests.get(await workspaces.requireWorkspace(request.params.ws), request.params.id),
  );

  app.put(
    "/api/v1/workspaces/:ws/change-requests/:id",
    {
      schema: {
        tags,
        description:
          "The author's new proposal (made against the state now): earlier approvals no longer count.",
        params: RequestParams,
        body: StatePatchSchema,
        response,
      },
    },
    async (request) =>
      requests.update(await changing(request), request.params.id, request.body, actorOf(request)),
  );

  for (const decision of ["approve", "reject"] as const)
    app.post(
      `/api/v1/workspaces/:ws/change-requests/:id/${decision}`,
      {
        schema: {
          tags,
          description:
            decision === "approve"
              ? "Approves the current proposal (never one's own; at least the environment's approver role)."
              : "Rejects the request, which closes it (never one's own).",
          params: RequestParams,
          body: ReviewBody,
          response,
        },
        // A review without a comment may come without a body.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) =>
        requests.review(
          await changing(request),
          request.params.id,
          decision === "approve" ? "approved" : "rejected",
          request.body.comment ?? "",
          actorOf(request),
          request.admin?.role,
        ),
    );

  app.post(
    "/api/v1/workspaces/:ws/change-requests/:id/apply",
    {
      schema: {
        tags,
        description:
          "Applies an approved request: the state, its audit entry and the request's status in one transaction.",
        params: RequestParams,
        response,
      },
    },
    async (request) => requests.apply(await changing(request), request.params.id, actorOf(request)),
  );

  app.post(
    "/api/v1/workspaces/:ws/change-requests/:id/cancel",
    {
      schema: {
        tags,
        description: "Withdraws an open request (its author, an admin or an owner).",
        params: RequestParams,
        response,
      },
    },
    async (request) =>
      requests.cancel(
        await changing(request),
        request.params.id,
        actorOf(request),
        request.admin?.role,
      ),
  );

  const FlagEnv = Type.Object({
    ...EnvironmentParams.properties,
    flag: Type.String({ maxLength: 128 }),
  });

  app.get(
    "/api/v1/workspaces/:ws/flags/:flag/environments/:env/versions",
    {
      schema: {
        tags,
        description:
          "Every kept version of the flag's state in the environment, newest first, with when, by whom and why it came into force.",
        params: FlagEnv,
        response: {
          200: Type.Array(
            Type.Object({
              version: Type.Integer(),
              state: StateSchema,
              changedAt: Type.Union([Type.String(), Type.Null()]),
              changedBy: Type.Union([Type.String(), Type.Null()]),
              comment: Type.Union([Type.String(), Type.Null()]),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const env = await workspaces.requireEnvironment(ws, request.params.env);
      return versions.list(ws, request.params.flag, env);
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/flags/:flag/environments/:env/versions/:version/restore",
    {
      schema: {
        tags,
        description:
          "Makes an earlier version the state again, as a new change: applied at once (200, `applied`), or as a change request where approvals are required (201, `request`).",
        params: Type.Object({
          ...FlagEnv.properties,
          version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
        }),
        body: Type.Object(
          {
            comment: Type.Optional(Type.String({ maxLength: 1000 })),
            newExperimentPhase: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ applied: StateSchema }),
          201: Type.Object({ request: ChangeRequestSchema }),
          ...errorResponses,
        },
      },
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const env = await workspaces.requireEnvironment(ws, request.params.env);
      const restored = await versions.restore(
        ws,
        request.params.flag,
        env,
        request.params.version,
        request.body,
        actorOf(request),
      );
      return restored.request
        ? reply.code(201).send({ request: restored.request })
        : reply
            .code(200)
            .send({ applied: restored.applied as NonNullable<typeof restored.applied> });
    },
  );
}
