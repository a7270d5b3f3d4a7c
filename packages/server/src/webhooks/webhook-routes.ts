import { Type } from "typebox";
import type { AuditRepository } from "../audit/audit-repository.js";
import { actorOf } from "../auth/admin-auth.js";
import { AppError } from "../http/errors.js";
import { type App, errorResponses } from "../http/route-context.js";
import type { WorkspaceService } from "../workspaces/workspace-service.js";
import { newWebhookSecret, WEBHOOK_EVENTS, type Webhook, type Webhooks } from "./webhooks.js";

const Event = Type.Union(WEBHOOK_EVENTS.map((e) => Type.Literal(e)));
const Format = Type.Union([Type.Literal("json"), Type.Literal("slack")], {
  description:
    "json: the event as JSON (event, id, at, workspace, actor, resource, flag, environment, before, after, comment); slack: a Slack-compatible { text }",
});
const Url = Type.String({ maxLength: 2000, pattern: "^https?://", description: "http or https" });
const WebhookSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  format: Format,
  active: Type.Boolean(),
  createdAt: Type.String(),
  createdBy: Type.String(),
});
const HookParams = Type.Object({
  ws: Type.String({ maxLength: 64 }),
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
const view = (hook: Webhook) => ({
  id: hook.id,
  name: hook.name,
  url: hook.url,
  events: hook.events,
  format: hook.format,
  active: hook.active,
  createdAt: hook.createdAt,
  createdBy: hook.createdBy,
});

/**
 * A workspace's webhooks (admins and owners): each signs its deliveries with its own secret
 * (shown once), and keeps every delivery with its attempts; a delivery can be sent again.
 */
export function registerWebhookRoutes(
  app: App,
  deps: { webhooks: Webhooks; workspaces: WorkspaceService; audit: AuditRepository },
): void {
  const { webhooks, workspaces, audit } = deps;
  const tags = ["webhooks"];
  const requireHook = async (workspaceId: number, id: number) => {
    const hook = await webhooks.get(workspaceId, id);
    if (!hook) throw new AppError("not_found", `Webhook #${id} does not exist`);
    return hook;
  };
  const record = (
    request: Parameters<typeof actorOf>[0],
    workspaceId: number,
    action: string,
    hook: Webhook,
    before: unknown,
    after: unknown,
  ) =>
    audit.record({
      workspaceId,
      actor: actorOf(request).name,
      action,
      resourceType: "webhook",
      resourceKey: hook.name,
      before,
      after,
    });

  app.get(
    "/api/v1/workspaces/:ws/webhooks",
    {
      schema: {
        tags,
        params: Type.Object({ ws: Type.String({ maxLength: 64 }) }),
        response: { 200: Type.Array(WebhookSchema), ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      return (await webhooks.list(ws.id)).map(view);
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/webhooks",
    {
      schema: {
        tags,
        description:
          'A webhook: its signing `secret` is in this answer only. Each delivery is a POST with `x-flagsync-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`, `x-flagsync-event` and `x-flagsync-delivery`; retried with exponential backoff for a day until a 2xx answer.',
        params: Type.Object({ ws: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            url: Url,
            events: Type.Array(Event, { minItems: 1, maxItems: WEBHOOK_EVENTS.length }),
            format: Type.Optional(Format),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ ...WebhookSchema.properties, secret: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const secret = newWebhookSecret();
      const hook = await webhooks.create({
        workspaceId: ws.id,
        name: request.body.name,
        url: request.body.url,
        events: [...new Set(request.body.events)],
        format: request.body.format ?? "json",
        createdBy: actorOf(request).name,
        secret,
      });
      await record(request, ws.id, "webhook.created", hook, null, view(hook));
      return reply.code(201).send({ ...view(hook), secret });
    },
  );

  app.patch(
    "/api/v1/workspaces/:ws/webhooks/:id",
    {
      schema: {
        tags,
        params: HookParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            url: Type.Optional(Url),
            events: Type.Optional(
              Type.Array(Event, { minItems: 1, maxItems: WEBHOOK_EVENTS.length }),
            ),
            format: Type.Optional(Format),
            active: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: WebhookSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const before = await requireHook(ws.id, request.params.id);
      await webhooks.update(before.id, request.body);
      const after = await requireHook(ws.id, request.params.id);
      await record(request, ws.id, "webhook.updated", after, view(before), view(after));
      return view(after);
    },
  );

  app.delete(
    "/api/v1/workspaces/:ws/webhooks/:id",
    { schema: { tags, params: HookParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const hook = await requireHook(ws.id, request.params.id);
      await webhooks.remove(hook.id);
      await record(request, ws.id, "webhook.deleted", hook, view(hook), null);
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/v1/workspaces/:ws/webhooks/:id/deliveries",
    {
      schema: {
        tags,
        description: "The latest deliveries (at most 100), newest first, each with its attempts.",
        params: HookParams,
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.Integer(),
              event: Type.String(),
              status: Type.Union([
                Type.Literal("pending"),
                Type.Literal("delivered"),
                Type.Literal("failed"),
              ]),
              createdAt: Type.String(),
              deliveredAt: Type.Union([Type.String(), Type.Null()]),
              nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
              body: Type.String(),
              attempts: Type.Array(
                Type.Object({
                  at: Type.String(),
                  statusCode: Type.Union([Type.Integer(), Type.Null()]),
                  latencyMs: Type.Integer(),
                  error: Type.Union([Type.String(), Type.Null()]),
                }),
              ),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const hook = await requireHook(ws.id, request.params.id);
      return webhooks.deliveries(hook.id);
    },
  );

  app.post(
    "/api/v1/workspaces/:ws/webhooks/:id/deliveries/:delivery/resend",
    {
      schema: {
        tags,
        description: "Sends a delivery's body again, as a new delivery (signed anew).",
        params: Type.Object({
          ...HookParams.properties,
          delivery: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const ws = await workspaces.requireWorkspace(request.params.ws);
      const hook = await requireHook(ws.id, request.params.id);
      const id = await webhooks.resend(hook.id, request.params.delivery);
      if (id === undefined) throw new AppError("not_found", "No such delivery of this webhook");
      return reply.code(201).send({ id });
    },
  );
}
