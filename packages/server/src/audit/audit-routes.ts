import { Type } from "typebox";
import { type App, errorResponses } from "../http/route-context.js";
import type { AuditRepository } from "./audit-repository.js";

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  actor: Type.String(),
  action: Type.String(),
  resourceType: Type.String(),
  resourceKey: Type.String(),
  flagKey: Type.Union([Type.String(), Type.Null()]),
  environmentKey: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  comment: Type.Union([Type.String(), Type.Null()], {
    description: "Why the change was made, when its author said",
  }),
  address: Type.Union([Type.String(), Type.Null()], {
    description: "The client address the change came from (null: the server's own)",
  }),
  createdAt: Type.String(),
});

/** The audit log, newest first, per workspace or per flag. */
export function registerAuditRoutes(
  app: App,
  deps: {
    audit: AuditRepository;
    /** The workspace of a key, or the API's 404 (WorkspaceService). */
    workspaces: { requireWorkspace(key: string): Promise<{ id: number }> };
  },
): void {
  const query = Type.Object(
    {
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
      before: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 2_147_483_647,
          description: "Continue after this entry id",
        }),
      ),
    },
    { additionalProperties: false },
  );
  const response = {
    200: Type.Object({
      entries: Type.Array(AuditEntrySchema),
      next: Type.Union([Type.Integer(), Type.Null()]),
    }),
    ...errorResponses,
  };
  const page = async (
    workspaceKey: string,
    q: { limit?: number; before?: number },
    flagKey?: string,
  ) => {
    const ws = await deps.workspaces.requireWorkspace(workspaceKey);
    const limit = q.limit ?? 50;
    const entries = await deps.audit.list(ws.id, { flagKey, before: q.before, limit });
    return {
      entries,
      next: entries.length === limit ? (entries[entries.length - 1]?.id ?? null) : null,
    };
  };
  app.get(
    "/api/v1/workspaces/:ws/audit",
    {
      schema: {
        tags: ["audit"],
        params: Type.Object({ ws: Type.String({ maxLength: 64 }) }),
        querystring: query,
        response,
      },
    },
    async (request) => page(request.params.ws, request.query),
  );
  app.get(
    "/api/v1/workspaces/:ws/flags/:flag/audit",
    {
      schema: {
        tags: ["audit"],
        params: Type.Object({
          ws: Type.String({ maxLength: 64 }),
          flag: Type.String({ maxLength: 128 }),
        }),
        querystring: query,
        response,
      },
    },
    async (request) => page(request.params.ws, request.query, request.params.flag),
  );
}
