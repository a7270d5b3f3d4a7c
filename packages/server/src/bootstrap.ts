import type { AdminTokenRepository } from "./auth/admin-token-repository.js";
import type { WorkspaceRepository } from "./workspaces/workspace-repository.js";
import {
  type CreatedKey,
  DEFAULT_ENVIRONMENTS,
  type WorkspaceService,
} from "./workspaces/workspace-service.js";

/** Secrets created at first start; they exist nowhere else, so they are shown once. */
export interface InitialCredentials {
  adminToken?: string;
  keys?: Record<string, CreatedKey[]>;
}

/**
 * Prepares an empty database: the configured admin token (if any), then on first start the
 * workspace `default` with its environments and keys, and an admin token if none exists.
 */
export async function ensureInitialSetup(deps: {
  workspaces: WorkspaceRepository;
  service: WorkspaceService;
  tokens: AdminTokenRepository;
  configuredToken: string | undefined;
}): Promise<InitialCredentials> {
  const credentials: InitialCredentials = {};
  if (deps.configuredToken) await deps.tokens.create("FLAGSYNC_ADMIN_TOKEN", deps.configuredToken);
  if ((await deps.workspaces.list()).length === 0) {
    try {
      const created = await deps.service.createWorkspace(
        "default",
        "Default",
        DEFAULT_ENVIRONMENTS,
        "system",
      );
      credentials.keys = created.keys;
    } catch (error) {
      // Replicas starting together on an empty database: another one created it first.
      if (!(await deps.workspaces.get("default"))) throw error;
    }
  }
  if ((await deps.tokens.count()) === 0)
    credentials.adminToken = await deps.tokens.create("initial admin token");
  return credentials;
}
