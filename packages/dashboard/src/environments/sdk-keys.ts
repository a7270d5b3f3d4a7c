import { useQuery, useQueryClient } from "@tanstack/react-query";
import { api, must } from "../api/client.js";
import type { paths } from "../api/schema.js";
import { useWorkspace } from "../workspace.js";

type KeysPath = paths["/api/v1/workspaces/{ws}/environments/{env}/sdk-keys"];
/** A key as listed: its hint only, never the secret. */
export type SdkKey = KeysPath["get"]["responses"][200]["content"]["application/json"][number];
/** A key as just created or rotated: the only response that carries its secret. */
export type CreatedSdkKey = KeysPath["post"]["responses"][201]["content"]["application/json"];
export type KeyKind = SdkKey["kind"];

export const KIND_LABELS: Record<KeyKind, string> = { server: "Server", client: "Client" };

/** The SDK keys of an environment, in creation order. */
export function useSdkKeys(environment: string | null) {
  const ws = useWorkspace();
  return useQuery({
    queryKey: sdkKeysQueryKey(ws, environment ?? ""),
    enabled: environment !== null,
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/environments/{env}/sdk-keys", {
          params: { path: { ws, env: environment ?? "" } },
        }),
      ),
  });
}

export const sdkKeysQueryKey = (ws: string, environment: string) => ["sdk-keys", ws, environment];

export type KeyStatus = "active" | "expiring" | "revoked";

/** Active; still working until a rotation's grace period ends; or revoked. */
export function keyStatus(key: SdkKey): KeyStatus {
  if (!key.active) return "revoked";
  return key.revokedAt === null ? "active" : "expiring";
}

/** Refreshes the environment's key list after any change to it. */
export function useRefreshKeys(environment: string) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  return () => queries.invalidateQueries({ queryKey: sdkKeysQueryKey(ws, environment) });
}
