import { Type } from "typebox";
import { type App, errorResponses } from "../http/route-context.js";
import { EnvironmentParams } from "../workspaces/workspace-schemas.js";
import type { WorkspaceService } from "../workspaces/workspace-service.js";
import type { EventCatalog } from "./event-catalog.js";

const CatalogEntrySchema = Type.Object({
  eventKey: Type.String(),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  total: Type.Integer(),
  last24h: Type.Integer({
    description: "Events received in the current and the previous 23 hours",
  }),
  value: Type.Union([
    Type.Object({
      count: Type.Integer(),
      min: Type.Number(),
      max: Type.Number(),
      mean: Type.Number(),
    }),
    Type.Null(),
  ]),
  properties: Type.Record(
    Type.String(),
    Type.Object({ types: Type.Array(Type.String()), examples: Type.Array(Type.Unknown()) }),
  ),
});

/** Discovered events of an environment. */
export function registerEventRoutes(
  app: App,
  deps: { catalog: EventCatalog; workspaces: WorkspaceService },
): void {
  app.get(
    "/api/v1/workspaces/:ws/environments/:env/event-catalog",
    {
      schema: {
        tags: ["events"],
        params: EnvironmentParams,
        response: {
          200: Type.Object({ events: Type.Array(CatalogEntrySchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const ws = await deps.workspaces.requireWorkspace(request.params.ws);
      const env = await deps.workspaces.requireEnvironment(ws, request.params.env);
      return { events: await deps.catalog.list(env.id) };
    },
  );
}
