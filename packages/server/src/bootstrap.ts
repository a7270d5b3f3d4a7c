import type { AdminTokenRepository } from "./auth/admin-token-repository.js";
import type { AdminTokenService } from "./auth/admin-token-service.js";
import type { People } from "./auth/people.js";
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
  /** While nobody has an account: the invitation that makes its user the first owner. */
  ownerInvitation?: { token: string; expiresAt: string };
}

/** How long the first owner's invitation lasts; a start after it expired unused makes another. */
const OWNER_INVITATION_MS = 7 * 24 * 3_600_000;

/** Whether a start created secrets that nobody has seen yet. */
export function hasNewSecrets(credentials: InitialCredentials): boolean {
  return (
    credentials.adminToken !== undefined ||
    credentials.keys !== undefined ||
    credentials.ownerInvitation !== undefined
  );
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
  people: People;
  configuredToken: string | undefined;
  /** Hands new secrets to the user (the credentials file); a failure undoes their creation. */
  deliver?: (credentials: InitialCredentials) => void | Promise<void>;
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
  let tokenId: number | undefined;
  if ((await deps.tokens.count()) === 0) {
    const created = await deps.tokens.create("initial admin token");
    credentials.adminToken = created.secret;
    tokenId = created.token?.id;
  }
  // Nobody has an account yet: an invitation to be the first owner (and instance administrator).
  let invitationId: number | undefined;
  const workspace = await deps.workspaces.get("default");
  if (
    workspace &&
    (await deps.people.countUsers()) === 0 &&
    !(await deps.people.pendingInstanceInvitation())
  ) {
    const expiresAt = new Date(Date.now() + OWNER_INVITATION_MS).toISOString();
    const { invitation, token } = await deps.people.invite({
      workspaceId: workspace.id,
      role: "owner",
      environments: null,
      instanceAdmin: true,
      email: null,
      createdBy: "system",
      expiresAt,
    });
    credentials.ownerInvitation = { token, expiresAt };
    invitationId = invitation.id;
  }
  if (!hasNewSecrets(credentials) || !deps.deliver) return credentials;
  // The secrets are stored only as hashes: unless they reach the user, they are lost. If they
  // cannot be delivered, what this start created goes again, and the next start creates it anew.
  try {
    await deps.deliver(credentials);
  } catch (error) {
    if (credentials.keys) {
      const workspace = await deps.workspaces.get("default");
      if (workspace) await deps.service.deleteWorkspace(workspace);
    }
    if (tokenId !== undefined) await deps.tokens.revoke(tokenId, new Date().toISOString());
    if (invitationId !== undefined && workspace)
      await deps.people.revokeInvitation(workspace.id, invitationId);
    throw error;
  }
  return credentials;
}
