import type { Kysely } from "kysely";
import type { AuditRepository } from "../audit/audit-repository.js";
import { type Role, roleAtLeast } from "../auth/access.js";
import type { Actor } from "../auth/admin-auth.js";
import type { StatePatch, StateView } from "../flags/flag-schemas.js";
import type { FlagService } from "../flags/flag-service.js";
import { AppError } from "../http/errors.js";
import type { Background } from "../ops/background.js";
import { DuePoller } from "../ops/due-poller.js";
import type { Tables } from "../storage/tables.js";
import type {
  Environment,
  Workspace,
  WorkspaceRepository,
} from "../workspaces/workspace-repository.js";
import { recordChange } from "./change-audit.js";
import type { ChangeRequestService } from "./change-request-service.js";
import type {
  NewSchedule,
  Schedule,
  ScheduleRepository,
  ScheduleStatus,
} from "./schedule-repository.js";

/** The state's fields a change may set. */
const FIELDS = ["enabled", "offVariant", "onVariant", "seed", "rules", "rollout"] as const;
type Field = (typeof FIELDS)[number];

/** The fields a change sets (a new seed sets the seed). */
const fieldsOf = (change: StatePatch): Field[] =>
  FIELDS.filter((f) => change[f] !== undefined || (f === "seed" && change.reshuffle === true));

/** A field's value to compare: rules without their ids (a rule made later gets another id). */
const comparable = (field: Field, value: unknown): string =>
  JSON.stringify(
    field === "rules" && Array.isArray(value)
      ? value.map(({ id: _id, ...rule }: { id?: number }) => rule)
      : value,
  );

/** How long a process holds a due schedule it is running before another may try. */
const CLAIM_MS = 30_000;

/** A schedule as the API shows it. */
export interface ScheduleView {
  id: number;
  flag: string;
  environment: string;
  at: string;
  status: ScheduleStatus;
  change: Record<string, unknown>;
  changeRequest: number | null;
  comment: string;
  author: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  appliedVersion: number | null;
  failure: string | null;
}

/** Thrown inside the change's transaction when another process applied the schedule first. */
class AlreadyClosed extends Error {}

/**
 * Scheduled changes: a change to a flag's state, or a ramp of several, applied at their times,
 * or an approved change request applied at a time. Each runs once, whichever process claims it:
 * the change and the schedule's status are one transaction. A schedule whose fields were
 * changed since it was made (by anything but the earlier steps of its own ramp) is not applied:
 * it fails, with the reason, and the change made meanwhile stands. Changes to other fields do
 * not conflict: it applies on top of them.
 */
export class ScheduleService {
  private readonly poller: DuePoller;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly schedules: ScheduleRepository,
    private readonly flags: FlagService,
    private readonly requests: ChangeRequestService,
    private readonly workspaces: WorkspaceRepository,
    private readonly audit: AuditRepository,
    background: Background,
    pollMs: number,
  ) {
    this.poller = new DuePoller(
      "schedules",
      async () => {
        await this.runDue();
        const next = await this.schedules.next();
        return next === undefined ? undefined : Date.parse(next);
      },
      pollMs,
      background,
    );
  }

  /** Steps of changes to a flag's state at their times (a ramp: 10 % → 50 % → 100 %). */
  async create(
    workspace: Workspace,
    flagKey: string,
    environment: Environment,
    input: { steps: { at: string; change: StatePatch }[]; comment?: string | undefined },
    actor: Actor,
  ): Promise<ScheduleView[]> {
    if (environment.approvalsRequired > 0)
      throw new AppError(
        "approval_required",
        `Changes in "${environment.key}" need approval: open a change request, and schedule it once approved (POST /api/v1/workspaces/${workspace.key}/change-requests/{id}/schedule)`,
      );
    const steps = [...input.steps].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    this.refusePast(steps.map((s) => s.at));
    // What each step expects to find: the state now, as the earlier steps leave it.
    const state: Record<string, unknown> = {
      ...(await this.flags.preview(workspace, flagKey, environment, {})).before,
    };
    const rows: NewSchedule[] = [];
    for (const [i, step] of steps.entries()) {
      const { expectedVersion: _v, comment: _c, ...change } = step.change;
      const fields = fieldsOf(change);
      if (fields.length === 0)
        throw new AppError("validation_failed", "A scheduled change sets at least one field", [
          { field: `body.steps[${i}].change`, message: "changes nothing" },
        ]);
      const after = (await this.flags.preview(workspace, flagKey, environment, change)).after;
      const expected = Object.fromEntries(fields.map((f) => [f, state[f]]));
      for (const f of fields) state[f] = after[f];
      rows.push({
        workspaceId: workspace.id,
        environmentId: environment.id,
        flagKey,
        change,
        expected,
        changeRequestId: null,
        runAt: new Date(step.at).toISOString(),
        comment: input.comment?.trim() ?? "",
        author: actor.name,
        authorKey: actor.key,
      });
    }
    const ids = await this.db.transaction().execute(async (trx) => {
      const made = await this.schedules.insert(rows, trx);
      for (const [i, id] of made.entries())
        await recordChange(
          this.audit,
          trx,
          workspace,
          flagKey,
          environment,
          actor,
          "schedule.created",
          id,
          {
            after: { at: rows[i]?.runAt, change: rows[i]?.change },
            comment: rows[i]?.comment,
          },
        );
      return made;
    });
    for (const row of rows) this.poller.wake(Date.parse(row.runAt));
    return Promise.all(ids.map((id) => this.get(workspace, id)));
  }

  /** An approved change request, applied at `at` (its approvals must still hold then). */
  async createFromRequest(
    workspace: Workspace,
    requestId: number,
    at: string,
    actor: Actor,
    mayChange: (environment: string) => void,
  ): Promise<ScheduleView> {
    this.refusePast([at]);
    const request = await this.requests.get(workspace, requestId);
    mayChange(request.environment);
    if (request.status !== "open")
      throw new AppError("conflict", `Change request #${requestId} is ${request.status}`);
    if (request.stale || request.approvals.valid < request.approvals.required)
      throw new AppError(
        "conflict",
        `Change request #${requestId} is not approved as it stands: it can be scheduled once it could be applied`,
      );
    const environment = await this.environment(workspace, request.environment);
    const [id] = await this.db.transaction().execute(async (trx) => {
      const made = await this.schedules.insert(
        [
          {
            workspaceId: workspace.id,
            environmentId: environment.id,
            flagKey: request.flag,
            change: request.proposal,
            expected: {},
            changeRequestId: requestId,
            runAt: new Date(at).toISOString(),
            comment: request.comment,
            author: actor.name,
            authorKey: actor.key,
          },
        ],
        trx,
      );
      await recordChange(
        this.audit,
        trx,
        workspace,
        request.flag,
        environment,
        actor,
        "schedule.created",
        made[0] as number,
        {
          after: { at: new Date(at).toISOString(), changeRequest: requestId },
        },
      );
      return made;
    });
    this.poller.wake(Date.parse(at));
    return this.get(workspace, id as number);
  }

  async get(workspace: Workspace, id: number): Promise<ScheduleView> {
    const schedule = await this.schedules.get(workspace.id, id);
    if (!schedule) throw new AppError("not_found", `Schedule #${id} does not exist`);
    return this.view(schedule);
  }

  async list(
    workspace: Workspace,
    filter: { status?: ScheduleStatus | undefined; flagKey?: string | undefined },
  ): Promise<ScheduleView[]> {
    return Promise.all((await this.schedules.list(workspace.id, filter)).map((s) => this.view(s)));
  }

  /** Cancels a pending schedule: its author, or an admin or owner. */
  async cancel(
    workspace: Workspace,
    id: number,
    actor: Actor,
    role: Role | undefined,
  ): Promise<ScheduleView> {
    const schedule = await this.schedules.get(workspace.id, id);
    if (!schedule) throw new AppError("not_found", `Schedule #${id} does not exist`);
    if (schedule.authorKey !== actor.key && role !== undefined && !roleAtLeast(role, "admin"))
      throw new AppError("forbidden", "Only its author, an admin or an owner cancels a schedule");
    const environment = await this.environmentById(schedule.environmentId);
    await this.db.transaction().execute(async (trx) => {
      if (!(await this.schedules.close(id, "cancelled", { by: actor.name }, trx)))
        throw new AppError("conflict", `Schedule #${id} is ${schedule.status}`);
      await recordChange(
        this.audit,
        trx,
        workspace,
        schedule.flagKey,
        environment,
        actor,
        "schedule.cancelled",
        id,
        {},
      );
    });
    return this.get(workspace, id);
  }

  /** Applies schedules at their time (within the poller's 50 ms tick). */
  start(): void {
    this.poller.start();
  }

  async stop(): Promise<void> {
    await this.poller.stop();
  }

  /** Runs the schedules whose time has come; says how many applied and failed. */
  async runDue(now = new Date()): Promise<{ applied: number; failed: number }> {
    let applied = 0;
    let failed = 0;
    for (const schedule of await this.schedules.due(now.toISOString())) {
      if (!(await this.schedules.claim(schedule.id, CLAIM_MS))) continue;
      const outcome = await this.run(schedule);
      if (outcome === "applied") applied++;
      if (outcome === "failed") failed++;
    }
    return { applied, failed };
  }

  private async run(schedule: Schedule): Promise<"applied" | "failed" | "skipped"> {
    const environment = await this.environmentById(schedule.environmentId);
    const workspace = await this.workspaces.getById(schedule.workspaceId);
    if (!workspace) return "skipped";
    const actor: Actor = {
      name: `${schedule.author} (schedule #${schedule.id})`,
      key: schedule.authorKey,
      breakGlass: false,
    };
    const applied = async (trx: Kysely<Tables>, after: StateView) => {
      const closed = await this.schedules.close(
        schedule.id,
        "applied",
        { by: "scheduler", appliedVersion: after.version },
        trx,
      );
      if (!closed) throw new AlreadyClosed();
      await recordChange(
        this.audit,
        trx,
        workspace,
        schedule.flagKey,
        environment,
        actor,
        "schedule.applied",
        schedule.id,
        {
          after: { version: after.version },
        },
      );
    };
    try {
      if (schedule.changeRequestId !== null) {
        await this.requests.apply(workspace, schedule.changeRequestId, actor, applied);
      } else {
        if (environment.approvalsRequired > 0)
          throw new AppError(
            "approval_required",
            `"${environment.key}" requires approvals since this was scheduled: open a change request instead`,
          );
        const now = (await this.flags.preview(workspace, schedule.flagKey, environment, {})).before;
        const changed = Object.entries(schedule.expected)
          .filter(
            ([f, value]) =>
              comparable(f as Field, now[f as Field]) !== comparable(f as Field, value),
          )
          .map(([f]) => f);
        if (changed.length > 0)
          throw new AppError(
            "conflict",
            `Not applied: the ${changed.join(", ")} of ${schedule.flagKey} in ${environment.key} changed since this was scheduled`,
          );
        await this.flags.updateState(
          workspace,
          schedule.flagKey,
          environment,
          {
            ...(schedule.change as StatePatch),
            comment: [`Schedule #${schedule.id} by ${schedule.author}`, schedule.comment]
              .filter(Boolean)
              .join(": "),
          },
          actor,
          { within: applied },
        );
      }
      return "applied";
    } catch (error) {
      if (error instanceof AlreadyClosed) return "skipped";
      if (!(error instanceof AppError)) throw error;
      // Refused for a reason that will not pass by itself: failed, visibly.
      const closed = await this.schedules.close(schedule.id, "failed", {
        by: "scheduler",
        failure: error.message,
      });
      if (closed)
        await recordChange(
          this.audit,
          this.db,
          workspace,
          schedule.flagKey,
          environment,
          actor,
          "schedule.failed",
          schedule.id,
          {
            comment: error.message,
          },
        );
      return closed ? "failed" : "skipped";
    }
  }

  private refusePast(times: string[]): void {
    times.forEach((at, i) => {
      if (!(Date.parse(at) > Date.now()))
        throw new AppError("validation_failed", "A schedule's time is in the future", [
          {
            field: times.length > 1 ? `body.steps[${i}].at` : "body.at",
            message: "is not in the future",
          },
        ]);
    });
  }

  private async environment(workspace: Workspace, key: string): Promise<Environment> {
    const environment = await this.workspaces.getEnvironment(workspace.id, key);
    if (!environment)
      throw new AppError("environment_not_found", `Environment "${key}" does not exist`);
    return environment;
  }

  private async environmentById(id: number): Promise<Environment> {
    const environment = await this.workspaces.getEnvironmentById(id);
    if (!environment)
      throw new AppError("environment_not_found", "The schedule's environment was deleted");
    return environment;
  }

  private async view(schedule: Schedule): Promise<ScheduleView> {
    const environment = await this.workspaces.getEnvironmentById(schedule.environmentId);
    return {
      id: schedule.id,
      flag: schedule.flagKey,
      environment: environment?.key ?? `#${schedule.environmentId}`,
      at: schedule.runAt,
      status: schedule.status,
      change: schedule.change,
      changeRequest: schedule.changeRequestId,
      comment: schedule.comment,
      author: schedule.author,
      createdAt: schedule.createdAt,
      closedAt: schedule.closedAt,
      closedBy: schedule.closedBy,
      appliedVersion: schedule.appliedVersion,
      failure: schedule.failure,
    };
  }
}
