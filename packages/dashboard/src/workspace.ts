import { queryOptions, useQuery } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import { api, must } from "./api/client.js";

/** The workspace the pages show (its key). */
export const WorkspaceContext = createContext<string>("default");

export function useWorkspace(): string {
  return useContext(WorkspaceContext);
}

/** Workspaces with their environments. */
export const workspacesQuery = queryOptions({
  queryKey: ["workspaces"],
  queryFn: () => must(api.GET("/api/v1/workspaces")),
});

export function useWorkspaces() {
  return useQuery(workspacesQuery);
}

/** The environments of the current workspace, in creation order. */
export function useEnvironments() {
  const workspace = useWorkspace();
  const workspaces = useWorkspaces();
  return workspaces.data?.find((w) => w.key === workspace)?.environments ?? [];
}
