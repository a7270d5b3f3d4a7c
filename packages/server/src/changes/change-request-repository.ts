import type { Kysely, Selectable } from "kysely";
import type { StateView } from "../flags/flag-schemas.js";
import { fromJson, nowIso, toJson } from "../storage/dialects.js";
import type { ChangeRequestReviewsTable, ChangeRequestsTable, Tables } from "../storage/tables.js";

export type ChangeRequestStatus = "open" | "applied" | "rejected" | "cancelled";

/** A review, with the proposal and version it was given for. */
export interface Review {
  reviewer: string;
  reviewerKey: string;
  decision: "approved" | "rejected";
  proposalHash: string;
  baseVersion: number;
  comment: string;
  createdAt: string;
}

export interface ChangeRequest {
  id: number;
  workspaceId: number;
  environmentId: number;
  flagKey: string;
  baseVersion: number;
  /** The change proposed: a state patch without its expected version and comment. */
  proposal: Record<string, unknown>;
  proposalHash: string;
  before: StateView;
  after: StateView;
  comment: string;
  author: string;
  authorKey: string;
  status: ChangeRequestStatus;
  createdAt: string;
  updatedAt: string;
  closedBy: string | null;
  closedAt: string | null;
  appliedVersion: number | null;
  reviews: Review[];
}

const toReview = (row: Selectable<ChangeRequestReviewsTable>): Review => ({
  reviewer: row.reviewer,
  reviewerKey: row.reviewer_key,
  decision: row.decision as Review["decision"],
  proposalHash: row.proposal_hash,
  baseVersion: row.base_version,
  comment: row.comment,
  createdAt: row.created_at,
});

const toRequest = (row: Selectable<ChangeRequestsTable>, reviews: Review[]): ChangeRequest => ({
  id: row.id,
  workspaceId: row.workspace_id,
  environmentId: row.environment_id,
  flagKey: row.flag_key,
  baseVersion: row.base_version,
  proposal: fromJson(row.proposal),
  proposalHash: row.proposal_hash,
  before: fromJson(row.before),
  after: fromJson(row.after),
  comment: row.comment,
  author: row.author,
  authorKey: row.author_key,
  status: row.status as ChangeRequestStatus,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  closedBy: row.closed_by,
  closedAt: row.closed_at,
  appliedVersion: row.applied_version,
  reviews,
});

/** What a proposal is made of when it is opened or edited. */
export interface Proposal {
  baseVersion: number;
  proposal: Record<string, unknown>;
  proposalHash: string;
  before: StateView;
  after: StateView;
}

/** Reads and writes change requests and their reviews. */
export class ChangeRequestRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async insert(
    fields: Proposal & {
      workspaceId: number;
      environmentId: number;
      flagKey: string;
      comment: string;
      author: string;
      authorKey: string;
    },
  ): Promise<number> {
    const at = nowIso();
    const row = await this.db
      .insertInto("change_requests")
      .values({
        workspace_id: fields.workspaceId,
        environment_id: fields.environmentId,
        flag_key: fields.flagKey,
        base_version: fields.baseVersion,
        proposal: toJson(fields.proposal),
        proposal_hash: fields.proposalHash,
        before: toJson(fields.before),
        after: toJson(fields.after),
        comment: fields.comment,
        author: fields.author,
        author_key: fields.authorKey,
        status: "open",
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async get(
    workspaceId: number,
    id: number,
    db: Kysely<Tables> = this.db,
  ): Promise<ChangeRequest | undefined> {
    const row = await db
      .selectFrom("change_requests")
      .selectAll()
      .where("workspace_id", "=", workspaceId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return undefined;
    const reviews = await db
      .selectFrom("change_request_reviews")
      .selectAll()
      .where("request_id", "=", id)
      .orderBy("id")
      .execute();
    return toRequest(row, reviews.map(toReview));
  }

  /** Newest first, with their reviews. */
  async list(
    workspaceId: number,
    filter: { status?: ChangeRequestStatus | undefined; flagKey?: string | undefined },
  ): Promise<ChangeRequest[]> {
    let query = this.db
      .selectFrom("change_requests")
      .selectAll()
      .where("workspace_id", "=", workspaceId);
    if (filter.status) query = query.where("status", "=", filter.status);
    if (filter.flagKey) query = query.where("flag_key", "=", filter.flagKey);
    const rows = await query.orderBy("id", "desc").limit(200).execute();
    if (rows.length === 0) return [];
    const reviews = await this.db
      .selectFrom("change_request_reviews")
      .selectAll()
      .where(
        "request_id",
        "in",
        rows.map((r) => r.id),
      )
      .orderBy("id")
      .execute();
    return rows.map((row) =>
      toRequest(row, reviews.filter((r) => r.request_id === row.id).map(toReview)),
    );
  }

  /** A new proposal for an open request (its reviews so far are void: they name another hash). */
  async repropose(id: number, proposal: Proposal): Promise<boolean> {
    const result = await this.db
      .updateTable("change_requests")
      .set({
        base_version: proposal.baseVersion,
        proposal: toJson(proposal.proposal),
        proposal_hash: proposal.proposalHash,
        before: toJson(proposal.before),
        after: toJson(proposal.after),
        updated_at: nowIso(),
      })
      .where("id", "=", id)
      .where("status", "=", "open")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async addReview(id: number, review: Omit<Review, "createdAt">, db = this.db): Promise<void> {
    await db
      .insertInto("change_request_reviews")
      .values({
        request_id: id,
        reviewer: review.reviewer,
        reviewer_key: review.reviewerKey,
        decision: review.decision,
        proposal_hash: review.proposalHash,
        base_version: review.baseVersion,
        comment: review.comment,
        created_at: nowIso(),
      })
      .execute();
  }

  /** Closes an open request; false when it was not open any more (closed by someone else first). */
  async close(
    id: number,
    status: Exclude<ChangeRequestStatus, "open">,
    by: string,
    applied: { version: number; after: StateView } | undefined,
    db: Kysely<Tables> = this.db,
  ): Promise<boolean> {
    const at = nowIso();
    const result = await db
      .updateTable("change_requests")
      .set({
        status,
        closed_by: by,
        closed_at: at,
        updated_at: at,
        ...(applied ? { applied_version: applied.version, after: toJson(applied.after) } : {}),
      })
      .where("id", "=", id)
      .where("status", "=", "open")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
