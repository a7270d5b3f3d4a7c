import type { Kysely } from "kysely";
import { fromJson, nowIso, toJson } from "../storage/dialects.js";
import type { Tables } from "../storage/tables.js";
import { requestAddress } from "./request-address.js";

/** One recorded change: who did what to which resource, with its state before and after. */
export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  resourceType: string;
  resourceKey: string;
  flagKey: string | null;
  environmentKey: string | null;
  before: unknown;
  after: unknown;
  /** Why the change was made, when its author said (a confirmed production change). */
  comment: string | null;
  /** The client address the change came from; null for the server's own (first start, jobs). */
  address: string | null;
  createdAt: string;
}

/** What a change records; the repository adds the id and time. */
export type AuditInput = Omit<
  AuditEntry,
  "id" | "createdAt" | "flagKey" | "environmentKey" | "comment" | "address"
> & {
  workspaceId: number;
  comment?: string | null;
  flagKey?: string | null;
  environmentKey?: string | null;
};

/** An entry as it was written. */
export type RecordedEntry = AuditInput & { id: number; createdAt: string };

/** The audit log, written in the same transaction as the change it records. */
export class AuditRepository {
  /** Told of every entry, in its transaction (webhooks queue their deliveries there). */
  private listener: ((entry: RecordedEntry, db: Kysely<Tables>) => Promise<void>) | undefined;

  constructor(private readonly db: Kysely<Tables>) {}

  onRecord(listener: (entry: RecordedEntry, db: Kysely<Tables>) => Promise<void>): void {
    this.listener = listener;
  }

  async record(entry: AuditInput, db: Kysely<Tables> = this.db): Promise<void> {
    const createdAt = nowIso();
    const row = await db
      .insertInto("audit_entries")
      .values({
        workspace_id: entry.workspaceId,
        actor: entry.actor,
        action: entry.action,
        resource_type: entry.resourceType,
        resource_key: entry.resourceKey,
        flag_key: entry.flagKey ?? null,
        environment_key: entry.environmentKey ?? null,
        before: toJson(entry.before),
        after: toJson(entry.after),
        comment: entry.comment ?? null,
        address: requestAddress() ?? null,
        created_at: createdAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await this.listener?.({ ...entry, id: row.id, createdAt }, db);
  }

  /** Newest first; `before` is the id to continue after (keyset pagination). */
  async list(
    workspaceId: number,
    query: {
      flagKey?: string | undefined;
      environmentKey?: string | undefined;
      action?: string | undefined;
      since?: string | undefined;
      before?: number | undefined;
      limit: number;
    },
  ): Promise<AuditEntry[]> {
    let select = this.db
      .selectFrom("audit_entries")
      .selectAll()
      .where("workspace_id", "=", workspaceId);
    if (query.flagKey) select = select.where("flag_key", "=", query.flagKey);
    if (query.environmentKey) select = select.where("environment_key", "=", query.environmentKey);
    if (query.action) select = select.where("action", "=", query.action);
    if (query.since) select = select.where("created_at", ">=", query.since);
    if (query.before) select = select.where("id", "<", query.before);
    const rows = await select.orderBy("id", "desc").limit(query.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      actor: row.actor,
      action: row.action,
      resourceType: row.resource_type,
      resourceKey: row.resource_key,
      flagKey: row.flag_key,
      environmentKey: row.environment_key,
      before: row.before === null ? null : fromJson(row.before),
      after: row.after === null ? null : fromJson(row.after),
      comment: row.comment,
      address: row.address,
      createdAt: row.created_at,
    }));
  }
}
