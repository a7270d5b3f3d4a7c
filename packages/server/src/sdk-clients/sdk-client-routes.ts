import { Type } from "typebox";
import { type App, errorResponses } from "../http/route-context.js";
import { EnvironmentParams } from "../workspaces/workspace-schemas.js";
import type { WorkspaceService } from "../workspaces/workspace-service.js";
import { SDK_CLIENT_DAYS, type SdkClientRepository } from "./sdk-client-repository.js";

const Count = Type.Integer({ minimum: 0 });

const SdkDropsSchema = Type.Object(
  {
    since: Type.String({ format: "date-time" }),
    clients: Count,
    impressions: Count,
    events: Count,
    bySdk: Type.Array(
      Type.Object({
        sdkName: Type.String(),
        sdkVersion: Type.String(),
        clients: Count,
        impressions: Count,
        events: Count,
        lastSeen: Type.String({ format: "date-time" }),
      }),
    ),
  },
  { $id: "SdkDrops" },
);

/** What the environment's SDK clients dropped (their queues were full) in the last days. */
export function registerSdkClientRoutes(
  app: App,
  deps: { clients: SdkClientRepository; workspaces: WorkspaceService },
): void {
  app.get(
    "/api/v1/workspaces/:ws/environments/:env/sdk-drops",
    {
      schema: {
        tags: ["environments"],
        summary: `Impressions and events SDK clients dropped in the last ${SDK_CLIENT_DAYS} days, by SDK`,
        params: EnvironmentParams,
        response: { 200: SdkDropsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const ws = await deps.workspaces.requireWorkspace(request.params.ws);
      const env = await deps.workspaces.requireEnvironment(ws, request.params.env);
      const since = new Date(Date.now() - SDK_CLIENT_DAYS * 86_400_000).toISOString();
      return deps.clients.drops(env.id, since);
    },
  );
}
