import type { AdminTokenRepository } from "./auth/admin-token-repository.js";
import type { AdminTokenService } from "./auth/admin-token-service.js";
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
 * Prepares the database: on first start the workspace `default` with its environments and
 * keys; the configured admin token (if any), replacing the one an earlier value configured;
 * and an admin token if none works.
 */
export async function ensureInitialSetup(deps: {
  workspaces: WorkspaceRepository;
  service: WorkspaceService;
  tokens: AdminTokenRepository;
  tokenService: AdminTokenService;
  configuredToken: string | undefined;
}): Promise<InitialCredentials> {
  const credentials: InitialCredentials = {};
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
  // After the workspace exists, so that replacing the configured token is in its audit log.
  if (deps.configuredToken) await deps.tokenService.configure(deps.configuredToken);
  if ((await deps.tokens.count()) === 0)
    credentials.adminToken = (await deps.tokens.create("initial admin token")).secret;
  return credentials;
}
