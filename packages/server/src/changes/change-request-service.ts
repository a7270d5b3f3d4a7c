import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { AuditRepository } from "../audit/audit-repository.js";
import { type Role, roleAtLeast } from "../auth/access.js";
import type { Actor } from "../auth/admin-auth.js";
import type { FlagRepository } from "../flags/flag-repository.js";
import type { StatePatch, StateView } from "../flags/flag-schemas.js";
import type { FlagService } from "../flags/flag-service.js";
import { AppError } from "../http/errors.js";
import type { Tables } from "../storage/tables.js";
import type {
  Environment,
  Workspace,
  WorkspaceRepository,
} from "../workspaces/workspace-repository.js";
import { recordChange } from "./change-audit.js";
import type {
  ChangeRequest,
  ChangeRequestRepository,
  ChangeRequestStatus,
  Review,
} from "./change-request-repository.js";

/** JSON with object keys sorted, so equal proposals hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** The hash an approval is bound to: the proposal and the version it was made against. */
export const proposalHash = (proposal: Record<string, unknown>, baseVersion: number) =>
  createHash("sha256")
    .update(`${baseVersion}\n${canonical(proposal)}`)
    .digest("hex");

/** A request as the API shows it. */
export interface ChangeRequestView {
  id: number;
  flag: string;
  environment: string;
  status: ChangeRequestStatus;
  comment: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  baseVersion: number;
  appliedVersion: number | null;
  proposal: Record<string, unknown>;
  proposalHash: string;
  before: StateView;
  after: StateView;
  approvals: { required: number; approverRole: string; valid: number };
  reviews: {
    reviewer: string;
    decision: string;
    comment: string;
    createdAt: string;
    /** Given for an earlier proposal or version: it no longer counts. */
    void: boolean;
  }[];
  /** Open, and the flag changed since the version it was made against: update it first. */
  stale: boolean;
}

const isValid = (request: ChangeRequest, review: Review) =>
  review.proposalHash === request.proposalHash && review.baseVersion === request.baseVersion;

/**
 * Change requests: where an environment requires approvals, a change to a flag's state there
 * is proposed (the same body as a direct change), approved by others, then applied in one
 * transaction with its audit entry and the request's status. An approval counts only for the
 * proposal and version it was given for.
 */
export class ChangeRequestService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly requests: ChangeRequestRepository,
    private readonly flags: FlagService,
    private readonly flagRepository: FlagRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** A patch as a proposal: what it changes, made against the state's version now (or the one named). */
  private async propose(
    workspace: Workspace,
    flagKey: string,
    environment: Environment,
    patch: StatePatch,
  ) {
    const { expectedVersion, comment: _comment, ...proposal } = patch;
    const preview = await this.flags.preview(workspace, flagKey, environment, proposal);
    if (expectedVersion !== undefined && expectedVersion !== preview.version)
      throw new AppError(
        "conflict",
        `The state changed since version ${expectedVersion} (now ${preview.version}); reload and retry`,
      );
    const { version: _b, updatedAt: _bu, ...before } = preview.before;
    const { version: _a, updatedAt: _au, ...after } = preview.after;
    if (canonical(before) === canonical(after) && !proposal.reshuffle)
      throw new AppError("validation_failed", "This change leaves the state as it is", [
        { field: "body", message: "changes nothing" },
      ]);
    return {
      baseVersion: preview.version,
      proposal: proposal as Record<string, unknown>,
      proposalHash: proposalHash(proposal as Record<string, unknown>, preview.version),
      before: preview.before,
      after: preview.after,
    };
  }

  async open(
    workspace: Workspace,
    flagKey: string,
    environment: Environment,
    patch: StatePatch,
    actor: Actor,
  ): Promise<ChangeRequestView> {
    const proposal = await this.propose(workspace, flagKey, environment, patch);
    const comment = patch.comment?.trim() ?? "";
    const id = await this.requests.insert({
      ...proposal,
      workspaceId: workspace.id,
      environmentId: environment.id,
      flagKey,
      comment,
      author: actor.name,
      authorKey: actor.key,
    });
    await recordChange(
      this.audit,
      this.db,
      workspace,
      flagKey,
      environment,
      actor,
      "change-request.opened",
      id,
      {
        before: proposal.before,
        after: proposal.after,
        comment,
      },
    );
    return this.get(workspace, id);
  }

  async get(workspace: Workspace, id: number): Promise<ChangeRequestView> {
    const request = await this.require(workspace, id);
    const environment = await this.environmentOf(request);
    return this.view(request, environment, await this.currentVersion(workspace, request));
  }

  async list(
    workspace: Workspace,
    filter: { status?: ChangeRequestStatus | undefined; flagKey?: string | undefined },
  ): Promise<ChangeRequestView[]> {
    const requests = await this.requests.list(workspace.id, filter);
    // One query per environment for the environment and for its open requests' state versions.
    const environments = new Map<
      number,
      { environment: Environment; versions: Map<string, number> }
    >();
    for (const request of requests) {
      if (environments.has(request.environmentId)) continue;
      const open = requests.filter(
        (r) => r.environmentId === request.environmentId && r.status === "open",
      );
      environments.set(request.environmentId, {
        environment: await this.environmentOf(request),
        versions: await this.flagRepository.stateVersions(
          workspace.id,
          request.environmentId,
          open.map((r) => r.flagKey),
        ),
      });
    }
    return requests.map((request) => {
      const { environment, versions } = environments.get(request.environmentId) as {
        environment: Environment;
        versions: Map<string, number>;
      };
      return this.view(
        request,
        environment,
        request.status === "open" ? versions.get(request.flagKey) : undefined,
      );
    });
  }

  /** The author's new proposal for their open request: earlier approvals no longer count. */
  async update(
    workspace: Workspace,
    id: number,
    patch: StatePatch,
    actor: Actor,
  ): Promise<ChangeRequestView> {
    const request = await this.requireOpen(workspace, id);
    if (request.authorKey !== actor.key)
      throw new AppError("forbidden", "Only the author changes a change request");
    const environment = await this.environmentOf(request);
    const proposal = await this.propose(workspace, request.flagKey, environment, patch);
    if (!(await this.requests.repropose(id, proposal)))
      throw new AppError("conflict", "The change request was closed meanwhile");
    await recordChange(
      this.audit,
      this.db,
      workspace,
      request.flagKey,
      environment,
      actor,
      "change-request.updated",
      id,
      {
        before: request.after,
        after: proposal.after,
        comment: patch.comment?.trim() ?? "",
      },
    );
    return this.get(workspace, id);
  }

  /**
   * An approval or a rejection, by someone other than the author who holds at least the
   * environment's approver role; a rejection closes the request.
   */
  async review(
    workspace: Workspace,
    id: number,
    decision: Review["decision"],
    comment: string,
    actor: Actor,
    role: Role | undefined,
  ): Promise<ChangeRequestView> {
    const request = await this.requireOpen(workspace, id);
    const environment = await this.environmentOf(request);
    if (request.authorKey === actor.key)
      throw new AppError("forbidden", "No one approves or rejects their own change request");
    // Instance callers (no role here) may; members need the environment's approver role.
    if (role !== undefined && !roleAtLeast(role, environment.approverRole))
      throw new AppError(
        "forbidden",
        `Approvals in "${environment.key}" are given by an ${environment.approverRole} or above; your role is ${role}`,
      );
    await this.db.transaction().execute(async (trx) => {
      await this.requests.addReview(
        id,
        {
          reviewer: actor.name,
          reviewerKey: actor.key,
          decision,
          proposalHash: request.proposalHash,
          baseVersion: request.baseVersion,
          comment: comment.trim(),
        },
        trx,
      );
      if (
        decision === "rejected" &&
        !(await this.requests.close(id, "rejected", actor.name, undefined, trx))
      )
        throw new AppError("conflict", "The change request was closed meanwhile");
      await recordChange(
        this.audit,
        trx,
        workspace,
        request.flagKey,
        environment,
        actor,
        `change-request.${decision}`,
        id,
        { comment: comment.trim() },
      );
    });
    return this.get(workspace, id);
  }

  /**
   * Applies an approved request: the state, its audit entry and the request's status in one
   * transaction (with `also`, a schedule's status); the change then reaches SDKs like any other.
   */
  async apply(
    workspace: Workspace,
    id: number,
    actor: Actor,
    also?: (trx: Kysely<Tables>, after: StateView) => Promise<void>,
  ): Promise<ChangeRequestView> {
    const request = await this.requireOpen(workspace, id);
    const environment = await this.environmentOf(request);
    const view = this.view(request, environment, await this.currentVersion(workspace, request));
    if (view.stale)
      throw new AppError(
        "conflict",
        `Flag "${request.flagKey}" changed in "${environment.key}" since this request was made (version ${request.baseVersion}): its approvals are void; update the request`,
      );
    if (view.approvals.valid < environment.approvalsRequired)
      throw new AppError(
        "conflict",
        `This change needs ${environment.approvalsRequired} approval${environment.approvalsRequired === 1 ? "" : "s"} of its current proposal; it has ${view.approvals.valid}`,
      );
    const approvers = request.reviews
      .filter((r) => r.decision === "approved" && isValid(request, r))
      .map((r) => r.reviewer);
    await this.flags.updateState(
      workspace,
      request.flagKey,
      environment,
      {
        ...(request.proposal as StatePatch),
        expectedVersion: request.baseVersion,
        comment: [
          `Change request #${id} by ${request.author}`,
          approvers.length > 0 ? `approved by ${approvers.join(", ")}` : "",
          request.comment,
        ]
          .filter(Boolean)
          .join("; "),
      },
      actor,
      {
        approved: true,
        within: async (trx, after) => {
          const closed = await this.requests.close(
            id,
            "applied",
            actor.name,
            { version: after.version, after },
            trx,
          );
          if (!closed) throw new AppError("conflict", "The change request was closed meanwhile");
          await recordChange(
            this.audit,
            trx,
            workspace,
            request.flagKey,
            environment,
            actor,
            "change-request.applied",
            id,
            {
              before: request.before,
              after,
              comment: request.comment,
            },
          );
          await also?.(trx, after);
        },
      },
    );
    return this.get(workspace, id);
  }

  /** Withdraws an open request: its author, or an admin or owner of the workspace. */
  async cancel(
    workspace: Workspace,
    id: number,
    actor: Actor,
    role: Role | undefined,
  ): Promise<ChangeRequestView> {
    const request = await this.requireOpen(workspace, id);
    if (request.authorKey !== actor.key && role !== undefined && !roleAtLeast(role, "admin"))
      throw new AppError(
        "forbidden",
        "Only its author, an admin or an owner cancels a change request",
      );
    const environment = await this.environmentOf(request);
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.requests.close(id, "cancelled", actor.name, undefined, trx)))
        throw new AppError("conflict", "The change request was closed meanwhile");
      await recordChange(
        this.audit,
        trx,
        workspace,
        request.flagKey,
        environment,
        actor,
        "change-request.cancelled",
        id,
        {},
      );
    });
    return this.get(workspace, id);
  }

  private async require(workspace: Workspace, id: number): Promise<ChangeRequest> {
    const request = await this.requests.get(workspace.id, id);
    if (!request) throw new AppError("not_found", `Change request #${id} does not exist`);
    return request;
  }

  private async requireOpen(workspace: Workspace, id: number): Promise<ChangeRequest> {
    const request = await this.require(workspace, id);
    if (request.status !== "open")
      throw new AppError("conflict", `Change request #${id} is ${request.status}`);
    return request;
  }

  private async environmentOf(request: ChangeRequest): Promise<Environment> {
    const environment = await this.workspaces.getEnvironmentById(request.environmentId);
    if (!environment)
      throw new AppError("environment_not_found", "The request's environment was deleted");
    return environment;
  }

  /** The version of an open request's state now (undefined once it is closed). */
  private async currentVersion(
    workspace: Workspace,
    request: ChangeRequest,
  ): Promise<number | undefined> {
    if (request.status !== "open") return undefined;
    const versions = await this.flagRepository.stateVersions(workspace.id, request.environmentId, [
      request.flagKey,
    ]);
    return versions.get(request.flagKey);
  }

  /** A request as the API shows it; `current` is its state's version now (open requests; undefined: none). */
  private view(
    request: ChangeRequest,
    environment: Environment,
    current: number | undefined,
  ): ChangeRequestView {
    const valid = new Set(
      request.reviews
        .filter(
          (r) =>
            r.decision === "approved" && isValid(request, r) && r.reviewerKey !== request.authorKey,
        )
        .map((r) => r.reviewerKey),
    ).size;
    return {
      id: request.id,
      flag: request.flagKey,
      environment: environment.key,
      status: request.status,
      comment: request.comment,
      author: request.author,
      createdAt: request.createdAt,
      updatedAt: request.updatedAt,
      closedBy: request.closedBy,
      closedAt: request.closedAt,
      baseVersion: request.baseVersion,
      appliedVersion: request.appliedVersion,
      proposal: request.proposal,
      proposalHash: request.proposalHash,
      before: request.before,
      after: request.after,
      approvals: {
        required: environment.approvalsRequired,
        approverRole: environment.approverRole,
        valid,
      },
      reviews: request.reviews.map((r) => ({
        reviewer: r.reviewer,
        decision: r.decision,
        comment: r.comment,
        createdAt: r.createdAt,
        void: !isValid(request, r),
      })),
      // Open and made against another version than the state's now (or the flag is gone).
      stale: request.status === "open" && current !== request.baseVersion,
    };
  }
}
