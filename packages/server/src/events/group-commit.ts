import type { Insertable } from "kysely";
import type { ExposuresTable, RawEventsTable, RawImpressionsTable } from "../storage/tables.js";
import type { EventBatch, Refusal, Rejection } from "./event-batch.js";

export type EventRow = Insertable<RawEventsTable>;
export type ImpressionRow = Insertable<RawImpressionsTable>;
export type ExposureRow = Insertable<ExposuresTable>;

/** The rows of one request. Exposure rows are unique per key within a request. */
export interface Work {
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
  refusal?: Refusal;
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
 * are in flight; requests arriving meanwhile form the next group, so groups grow with load. If a group fails, its requests are
 * retried one by one, so a single bad request cannot fail the others.
 */
export class GroupCommit {
  private pending: Job[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly flushing = new Set<Promise<void>>();
  private closed = false;

  constructor(
    private readonly writer: GroupWriter,
    private readonly afterCommit?: (committed: Committed) => void,
    private readonly maxDelayMs = 2,
  ) {}

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

  private async flush(): Promise<void> {
    const jobs = this.pending;
    this.pending = [];
    try {
      const results = await this.writer.write(jobs.map((job) => job.work));
      jobs.forEach((job, i) => {
        job.resolve(results[i] ?? { duplicates: [] });
      });
      this.committed(jobs, results);
    } catch (groupError) {
      if (jobs.length === 1) {
        jobs[0]?.reject(groupError);
        return;
      }
      for (const job of jobs) {
        try {
          const [result = { duplicates: [] }] = await this.writer.write([job.work]);
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
