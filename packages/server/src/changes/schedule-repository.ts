import type { Kysely, Selectable } from "kysely";
import { fromJson, nowIso, toJson } from "../storage/dialects.js";
import type { SchedulesTable, Tables } from "../storage/tables.js";

export type ScheduleStatus = "pending" | "applied" | "failed" | "cancelled";

export interface Schedule {
  id: number;
  workspaceId: number;
  environmentId: number;
  flagKey: string;
  change: Record<string, unknown>;
  expected: Record<string, unknown>;
  changeRequestId: number | null;
  runAt: string;
  status: ScheduleStatus;
  comment: string;
  author: string;
  authorKey: string;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  appliedVersion: number | null;
  failure: string | null;
}

const toSchedule = (row: Selectable<SchedulesTable>): Schedule => ({
  id: row.id,
  workspaceId: row.workspace_id,
  environmentId: row.environment_id,
  flagKey: row.flag_key,
  change: fromJson(row.change),
  expected: fromJson(row.expected),
  changeRequestId: row.change_request_id,
  runAt: row.run_at,
  status: row.status as ScheduleStatus,
  comment: row.comment,
  author: row.author,
  authorKey: row.author_key,
  createdAt: row.created_at,
  closedAt: row.closed_at,
  closedBy: row.closed_by,
  appliedVersion: row.applied_version,
  failure: row.failure,
});

export type NewSchedule = Pick<
  Schedule,
  | "workspaceId"
  | "environmentId"
  | "flagKey"
  | "change"
  | "expected"
  | "changeRequestId"
  | "runAt"
  | "comment"
  | "author"
  | "authorKey"
>;

/** Reads and writes scheduled changes. */
export class ScheduleRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async insert(schedules: NewSchedule[], db: Kysely<Tables> = this.db): Promise<number[]> {
    const at = nowIso();
    const ids: number[] = [];
    for (const s of schedules) {
      const row = await db
        .insertInto("schedules")
        .values({
          workspace_id: s.workspaceId,
          environment_id: s.environmentId,
          flag_key: s.flagKey,
          change: toJson(s.change),
          expected: toJson(s.expected),
          change_request_id: s.changeRequestId,
          run_at: s.runAt,
          status: "pending",
          comment: s.comment,
          author: s.author,
          author_key: s.authorKey,
          created_at: at,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  }

  async get(workspaceId: number, id: number): Promise<Schedule | undefined> {
    const row = await this.db
      .selectFrom("schedules")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row && toSchedule(row);
  }

  /** The soonest first; at most 200. */
  async list(
    workspaceId: number,
    filter: { status?: ScheduleStatus | undefined; flagKey?: string | undefined },
  ): Promise<Schedule[]> {
    let query = this.db.selectFrom("schedules").selectAll().where("workspace_id", "=", workspaceId);
    if (filter.status) query = query.where("status", "=", filter.status);
    if (filter.flagKey) query = query.where("flag_key", "=", filter.flagKey);
    const rows = await query.orderBy("run_at").orderBy("id").limit(200).execute();
    return rows.map(toSchedule);
  }

  /** Pending schedules whose time has come, the earliest first. */
  async due(now: string, limit = 20): Promise<Schedule[]> {
    const rows = await this.db
      .selectFrom("schedules")
      .selectAll()
      .where("status", "=", "pending")
      .where("run_at", "<=", now)
      .orderBy("run_at")
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map(toSchedule);
  }

  /** The time of the next pending schedule, if any. */
  async next(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("schedules")
      .select("run_at")
      .where("status", "=", "pending")
      .orderBy("run_at")
      .limit(1)
      .executeTakeFirst();
    return row?.run_at;
  }

  /**
   * Claims a due schedule for this process for `ms` (another process skips it meanwhile; if
   * this one dies, the claim lapses and another runs it). False when it is not pending or
   * claimed by another.
   */
  async claim(id: number, ms: number): Promise<boolean> {
    const now = new Date();
    const result = await this.db
      .updateTable("schedules")
      .set({ claimed_until: new Date(now.getTime() + ms).toISOString() })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where((eb) =>
        eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now.toISOString())]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Closes a pending schedule; false when it was not pending any more. */
  async close(
    id: number,
    status: Exclude<ScheduleStatus, "pending">,
    fields: { by: string; appliedVersion?: number; failure?: string },
    db: Kysely<Tables> = this.db,
  ): Promise<boolean> {
    const result = await db
      .updateTable("schedules")
      .set({
        status,
        closed_at: nowIso(),
        closed_by: fields.by,
        applied_version: fields.appliedVersion ?? null,
        failure: fields.failure ?? null,
      })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
