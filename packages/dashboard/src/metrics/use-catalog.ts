import { useQuery } from "@tanstack/react-query";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";

/** The event catalog of an environment (event keys and property types), for suggestions. */
export function useCatalog(env: string | undefined) {
  const ws = useWorkspace();
  return useQuery({
    queryKey: ["catalog", ws, env],
    enabled: env !== undefined,
    refetchInterval: 10_000,
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/environments/{env}/event-catalog", {
          params: { path: { ws, env: env as string } },
        }),
      ),
  });
}
