import type { AuditRepository } from "../audit/audit-repository.js";
import type { Actor } from "../auth/admin-auth.js";
import type { StatePatch, StateView } from "../flags/flag-schemas.js";
import type { FlagService } from "../flags/flag-service.js";
import { AppError } from "../http/errors.js";
import type { Environment, Workspace } from "../workspaces/workspace-repository.js";
import type { ChangeRequestService, ChangeRequestView } from "./change-request-service.js";

/** A version of a flag's state in an environment, as it was, and the change that made it. */
export interface StateVersion {
  version: number;
  state: StateView;
  /** When it came into force, by whom and why (null for the first version kept). */
  changedAt: string | null;
  changedBy: string | null;
  comment: string | null;
}

/** How many versions are listed at most (the newest). */
const MAX_VERSIONS = 500;

/**
 * The versions of a flag's state in an environment, read from its audit entries (each keeps the
 * state before and after), and restoring one as a new change: applied at once, or as a change
 * request where the environment requires approvals.
 */
export class StateVersions {
  constructor(
    private readonly audit: AuditRepository,
    private readonly flags: FlagService,
    private readonly requests: ChangeRequestService,
  ) {}

  /** Newest first. */
  async list(
    workspace: Workspace,
    flagKey: string,
    environment: Environment,
  ): Promise<StateVersion[]> {
    const flag = await this.flags.require(workspace, flagKey);
    const entries = await this.audit.list(workspace.id, {
      flagKey,
      environmentKey: environment.key,
      action: "flag.state.updated",
      // A flag deleted and made again under the same key starts a new history.
      since: flag.createdAt,
      limit: MAX_VERSIONS,
    });
    const versions: StateVersion[] = entries.map((entry) => ({
      version: (entry.after as StateView).version,
      state: entry.after as StateView,
      changedAt: entry.createdAt,
      changedBy: entry.actor,
      comment: entry.comment,
    }));
    const oldest = entries.at(-1);
    if (oldest && entries.length < MAX_VERSIONS) {
      const first = oldest.before as StateView;
      versions.push({
        version: first.version,
        state: first,
        changedAt: null,
        changedBy: null,
        comment: null,
      });
    }
    if (versions.length === 0) {
      const now = (await this.flags.preview(workspace, flagKey, environment, {})).before;
      versions.push({
        version: now.version,
        state: now,
        changedAt: null,
        changedBy: null,
        comment: null,
      });
    }
    return versions;
  }

  /**
   * Makes version `version` the state again, as a new change (a new version): at once, or as a
   * change request where approvals are required. Rules still there keep their ids; others come
   * back as new rules.
   */
  async restore(
    workspace: Workspace,
    flagKey: string,
    environment: Environment,
    version: number,
    options: { comment?: string | undefined; newExperimentPhase?: boolean | undefined },
    actor: Actor,
  ): Promise<{ applied?: StateView; request?: ChangeRequestView }> {
    const found = (await this.list(workspace, flagKey, environment)).find(
      (v) => v.version === version,
    );
    if (!found)
      throw new AppError(
        "not_found",
        `Flag "${flagKey}" has no version ${version} in "${environment.key}"`,
      );
    const now = (await this.flags.preview(workspace, flagKey, environment, {})).before;
    const ruleIds = new Set(now.rules.map((r) => r.id));
    const patch: StatePatch = {
      enabled: found.state.enabled,
      offVariant: found.state.offVariant,
      onVariant: found.state.onVariant,
      seed: found.state.seed,
      rules: found.state.rules.map(({ id, ...rule }) => ({
        ...rule,
        ...(ruleIds.has(id) ? { id } : {}),
      })),
      rollout: found.state.rollout,
      expectedVersion: now.version,
      comment: [`Restored version ${version}`, options.comment?.trim()].filter(Boolean).join(": "),
      ...(options.newExperimentPhase ? { newExperimentPhase: true } : {}),
    };
    if (environment.approvalsRequired > 0)
      return { request: await this.requests.open(workspace, flagKey, environment, patch, actor) };
    return { applied: await this.flags.updateState(workspace, flagKey, environment, patch, actor) };
  }
}
