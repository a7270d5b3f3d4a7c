import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { SdkProblem } from "../sdk-api/sdk-errors.js";
import { isDatabaseUnavailable } from "../storage/postgres-pool.js";
import type { ExposuresTable, RawEventsTable, RawImpressionsTable } from "../storage/tables.js";
import type { EventBatch, Rejection } from "./event-batch.js";

export type EventRow = Insertable<RawEventsTable>;
export type ImpressionRow = Insertable<RawImpressionsTable>;
export type ExposureRow = Insertable<ExposuresTable>;

/** The rows of one request. Exposure rows are unique per key within a request. */
export interface Work {
  /**
   * Names the group the request is written with (see commit-markers.ts), so a retry after a
   * commit whose outcome was lost never stores it twice. GroupCommit gives each group one.
   */
  token?: string;
  events?: EventRow[];
  /** Events as sent, parsed and validated into `events` by the writer (see PreparingWriter). */
  eventBatch?: EventBatch;
  impressions?: ImpressionRow[];
  exposures?: ExposureRow[];
}

/** What a write did with one request's rows. */
export interface WorkResult {
  /** Indexes of events not stored because their client id was stored before. */
  duplicates: number[];
  /** For an event batch: the valid events (stored now, or before under the same id). */
  accepted?: number;
  /** For an event batch: the items not kept, and why. */
  rejected?: Rejection[];
  /** For an event batch refused whole (not JSON, no events array): why. */
  refusal?: SdkProblem;
  /** For an event batch that asked for them: the events stored, without repeated ids. */
  stored?: EventRow[];
}

/**
 * Stores the rows of several requests in one transaction: raw events (a repeated client id is
 * stored once), raw impressions, exposures (the earliest time per key is kept) and whatever is
 * derived from them in the same transaction (the event catalog). All or nothing.
 */
export interface GroupWriter {
  /**
   * How many groups may be handed over before the first is committed. A writer that queues
   * groups and commits them in order (a writer thread) takes several, so it never waits idle.
   */
  readonly pipelineDepth: number;
  write(group: readonly Work[]): Promise<WorkResult[]>;
  close(): Promise<void>;
}

/** What a commit stored, for live subscribers: events without repeats, and impressions. */
export interface Committed {
  events: EventRow[];
  impressions: ImpressionRow[];
}

/** Where writes report how they went (see DatabaseHealth). */
export interface WriteHealth {
  failed(error: unknown): void;
  succeeded(): void;
}

/** How long a group is retried while the database is unavailable before its requests fail. */
const RETRY_BUDGET_MS = 3000;
const RETRY_FIRST_PAUSE_MS = 100;

interface Job {
  work: Work;
  resolve: (result: WorkResult) => void;
  reject: (error: unknown) => void;
}

/** The events of a request that were stored: all but the repeated ids. */
export function storedEvents(work: Work, result: WorkResult): EventRow[] {
  const events = work.events ?? [];
  if (result.duplicates.length === 0) return events;
  const repeated = new Set(result.duplicates);
  return events.filter((_, i) => !repeated.has(i));
}

/**
 * Group commit: requests arriving within a few milliseconds share one transaction, and each is
 * acknowledged only after that transaction commits. Up to the writer's pipeline depth of groups
 * are in flight; requests arriving meanwhile form the next group, so groups grow with load.
 * While the database is unavailable a group is written again for a few seconds (never twice:
 * see commit-markers.ts); a group that fails otherwise is retried one request at a time, so a
 * single bad request cannot fail the others.
 */
export class GroupCommit {
  private pending: Job[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly flushing = new Set<Promise<void>>();
  private closed = false;

  private readonly afterCommit: ((committed: Committed) => void) | undefined;
  private readonly health: WriteHealth | undefined;
  private readonly maxDelayMs: number;
  private readonly now: () => number;

  constructor(
    private readonly writer: GroupWriter,
    options: {
      /** Hears what each commit stored (the live tail). */
      afterCommit?: (committed: Committed) => void;
      /** Hears of each commit and each failed write (readiness). */
      health?: WriteHealth;
      maxDelayMs?: number;
      now?: () => number;
    } = {},
  ) {
    this.afterCommit = options.afterCommit;
    this.health = options.health;
    this.maxDelayMs = options.maxDelayMs ?? 2;
    this.now = options.now ?? Date.now;
  }

  /** Stores a request's rows in one transaction; resolves once they are committed. */
  submit(work: Work): Promise<WorkResult> {
    const empty =
      !work.events?.length &&
      !work.eventBatch &&
      !work.impressions?.length &&
      !work.exposures?.length;
    if (empty) return Promise.resolve({ duplicates: [] });
    if (this.closed) return Promise.reject(new Error("ingestion is shutting down"));
    return new Promise((resolve, reject) => {
      this.pending.push({ work, resolve, reject });
      this.schedule();
    });
  }

  private committed(jobs: Job[], results: WorkResult[]): void {
    if (!this.afterCommit) return;
    const committed: Committed = { events: [], impressions: [] };
    jobs.forEach((job, i) => {
      const result = results[i] ?? { duplicates: [] };
      committed.events.push(...(result.stored ?? storedEvents(job.work, result)));
      if (job.work.impressions) committed.impressions.push(...job.work.impressions);
    });
    try {
      this.afterCommit(committed);
    } catch {
      // a subscriber's failure never fails ingestion
    }
  }

  private schedule(): void {
    if (this.timer || this.flushing.size >= this.writer.pipelineDepth) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startFlush();
    }, this.maxDelayMs);
  }

  private startFlush(): void {
    const flushing: Promise<void> = this.flush().finally(() => {
      this.flushing.delete(flushing);
      if (this.pending.length > 0 && !this.closed) this.schedule();
    });
    this.flushing.add(flushing);
  }

  /**
   * Writes a group; while the database is unavailable, writes it again after a pause, for up to
   * RETRY_BUDGET_MS. The retries carry the same tokens, so a commit whose outcome was lost is
   * found and answered instead of stored twice, and a short failover costs no request.
   */
  private async writeRetrying(works: readonly Work[]): Promise<WorkResult[]> {
    const started = this.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.writer.write(works);
      } catch (error) {
        const pause = RETRY_FIRST_PAUSE_MS * 2 ** attempt;
        if (
          this.closed ||
          !isDatabaseUnavailable(error) ||
          this.now() + pause - started > RETRY_BUDGET_MS
        )
          throw error;
        this.health?.failed(error);
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async flush(): Promise<void> {
    const jobs = this.pending;
    this.pending = [];
    // One token for the group, kept through its retries (see commit-markers.ts).
    const token = randomUUID();
    try {
      const results = await this.writeRetrying(jobs.map((job) => ({ ...job.work, token })));
      jobs.forEach((job, i) => {
        job.resolve(results[i] ?? { duplicates: [] });
      });
      this.committed(jobs, results);
      this.health?.succeeded();
    } catch (groupError) {
      this.health?.failed(groupError);
      // Written alone, the requests of a group the database refused would fail the same way.
      if (jobs.length === 1 || isDatabaseUnavailable(groupError)) {
        for (const job of jobs) job.reject(groupError);
        return;
      }
      for (const job of jobs) {
        try {
          const [result = { duplicates: [] }] = await this.writeRetrying([
            { ...job.work, token: randomUUID() },
          ]);
          job.resolve(result);
          this.committed([job], [result]);
        } catch (error) {
          job.reject(error);
        }
      }
    }
  }

  /** Flushes what is queued, refuses new work and closes the writer (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.flushing.size > 0 || this.pending.length > 0) {
      if (this.pending.length > 0) this.startFlush();
      await Promise.all(this.flushing);
    }
    await this.writer.close();
  }
}
