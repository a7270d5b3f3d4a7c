import type { Kysely } from "kysely";
import type { AuditRepository } from "../audit/audit-repository.js";
import type { Actor } from "../auth/admin-auth.js";
import type { Tables } from "../storage/tables.js";
import type { Environment, Workspace } from "../workspaces/workspace-repository.js";

/**
 * The audit entry of something done to a change request or a schedule of a flag's state; the
 * resource's type is the action's prefix ("change-request.applied", "schedule.failed").
 */
export function recordChange(
  audit: AuditRepository,
  db: Kysely<Tables>,
  workspace: Workspace,
  flagKey: string,
  environment: Environment,
  actor: Actor,
  action: `${"change-request" | "schedule"}.${string}`,
  id: number,
  details: { before?: unknown; after?: unknown; comment?: string | undefined },
): Promise<void> {
  return audit.record(
    {
      workspaceId: workspace.id,
      actor: actor.name,
      action,
      resourceType: action.slice(0, action.indexOf(".")),
      resourceKey: String(id),
      flagKey,
      environmentKey: environment.key,
      before: details.before ?? null,
      after: details.after ?? null,
      comment: details.comment || null,
    },
    db,
  );
}
