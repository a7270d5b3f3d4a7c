import { Type } from "typebox";
import {
  actorOf,
  assertMayChange,
  type Principal,
  workspaceForChange,
} from "../auth/admin-auth.js";
import { StatePatchSchema } from "../flags/flag-schemas.js";
import { type App, errorResponses } from "../http/route-context.js";
import { EnvironmentParams } from "../workspaces/workspace-schemas.js";
import type { WorkspaceService } from "../workspaces/workspace-service.js";
import type { ScheduleService } from "./schedule-service.js";

const Status = Type.Union([
  Type.Literal("pending"),
  Type.Literal("applied"),
  Type.Literal("failed"),
  Type.Literal("cancelled"),
]);
const At = Type.String({
  format: "date-time",
  description: "When it applies (ISO 8601, in the future)",
});

const ScheduleSchema = Type.Object({
  id: Type.Integer(),
  flag: Type.String(),
  environment: Type.String(),
  at: Type.String(),
  status: Status,
  change: Type.Record(Type.String(), Type.Unknown(), {
    description: "The change it applies, as a direct change would send it",
  }),
  changeRequest: Type.Union([Type.Integer(), Type.Null()], {
    description: "The approved change request it applies, if any",
  }),
  comment: Type.String(),
  author: Type.String(),
  createdAt: Type.String(),
  closedAt: Type.Union([Type.String(), Type.Null()]),
  closedBy: Type.Union([Type.String(), Type.Null()]),
  appliedVersion: Type.Union([Type.Integer(), Type.Null()]),
  failure: Type.Union([Type.String(), Type.Null()], {
    description:
      "Why it was not applied (its fields changed since it was made, approvals now required, …)",
  }),
});

const ScheduleParams = Type.Object({
  ws: Type.String({ maxLength: 64 }),
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

/** Scheduled changes under /api/v1/workspaces/{ws}. */
export function registerScheduleRoutes(
  app: App,
  deps: { schedules: ScheduleService; workspaces: WorkspaceService },
): void {
  const { schedules, workspaces } = deps;
  const tags = ["schedules"];

  app.post(
    "/api/v1/workspaces/:ws/flags/:flag/environments/:env/schedules",
    {
      schema: {
        tags,
        description:
          "Schedules changes to the flag's state: one step, or a ramp of several (e.g. rollout 10 → 50 → 100 % on three dates). Each step applies once at its time; if the fields it sets were changed meanwhile (other than by earlier steps), it fails instead of overwriting that change. Where approvals are required, schedule an approved change request instead.",
        params: Type.Object({
          ...EnvironmentParams.properties,
          flag: Type.String({ maxLength: 128 }),
        }),
        body: Type.Object(
          {
            steps: Type.Array(
              Type.Object({ at: At, change: StatePatchSchema }, { additionalProperties: false }),
              {
                minItems: 1,
                maxItems: 20,
              },
            ),
            comment: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Array(ScheduleSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const env = await workspaces.requireEnvironment(ws, request.params.env);
      const made = await schedules.create(
        ws,
        request.params.flag,
        env,
        request.body,
        actorOf(request),
      );
      return reply.code(201).send(made);
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/change-requests/:id/schedule",
    {
      schema: {
        tags,
        description:
          "Applies an approved change request at a time (its approvals must still hold then).",
        params: ScheduleParams,
        body: Type.Object({ at: At }, { additionalProperties: false }),
        response: { 201: ScheduleSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const made = await schedules.createFromRequest(
        ws,
        request.params.id,
        request.body.at,
        actorOf(request),
        (environment) => assertMayChange(request, environment),
      );
      return reply.code(201).send(made);
    },
  );

  app.get(
    "/api/v1/workspaces/:ws/schedules",
    {
      schema: {
        tags,
        description: "Scheduled changes, the soonest first (at most 200).",
        params: Type.Object({ ws: Type.String({ maxLength: 64 }) }),
        querystring: Type.Object(
          { status: Type.Optional(Status), flag: Type.Optional(Type.String({ maxLength: 128 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(ScheduleSchema), ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return schedules.list(ws, { status: request.query.status, flagKey: request.query.flag });
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/schedules/:id/cancel",
    {
      schema: {
        tags,
        description: "Cancels a pending schedule (its author, an admin or an owner).",
        params: ScheduleParams,
        response: { 200: ScheduleSchema, ...errorResponses },
      },
    },
    async (request: { params: { ws: string; id: number }; admin?: Principal }) => {
      const ws = await workspaceForChange(
        request,
        workspaces.requireWorkspace(request.params.ws),
        async (ws) => (await schedules.get(ws, request.params.id)).environment,
      );
      return schedules.cancel(ws, request.params.id, actorOf(request), request.admin?.role);
    },
  );
}
