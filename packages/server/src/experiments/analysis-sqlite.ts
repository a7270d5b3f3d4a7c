import { availableParallelism } from "node:os";
import type SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import type { Tables } from "../storage/tables.js";
import { WorkerClient, workerModule } from "../threads/worker-client.js";
import { AnalysisFold, type FoldRows, type FoldUser, type PackedUsers } from "./analysis-fold.js";
import {
  type AnalysisInput,
  type AnalysisOutput,
  type ExposureCounts,
  PRE_PERIOD_DAYS,
} from "./analysis-output.js";
import { AnalysisSql, exposedSql } from "./analysis-sql.js";
import { daysBefore } from "./utc-days.js";

const FOLD = "flagsync_analysis_fold";
/** Below this many raw event ids a scan runs whole on one thread: sharing it costs more. */
const SHARED_SCAN_MIN_ROWS = 200_000;
/** How much more than an even share of a shared scan this thread takes. */
const OWN_SHARE = 1.1;
/** Bytes made room for before a scan (8 per row and 8 per metric column); more grow as needed. */
const RESERVED_BYTES = 256 * 1024 * 1024;

/** How many rows of `metrics` columns to make room for ahead of a scan of `span` event ids. */
function reservedRows(span: number, metrics: number): number {
  return Math.max(0, Math.min(span, Math.floor(RESERVED_BYTES / (8 + 8 * metrics))));
}

/** A statement compiled for better-sqlite3. */
interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * What an analysis reads: the exposures, and the scan of events whose last three parameters
 * are the earliest time that can count and the range of event ids.
 */
export interface ScanPlan {
  exposed: Statement;
  scan: Statement;
  metrics: AnalysisInput["metrics"];
  variantIds: number[];
  cuped: boolean;
}

/** One id range of a scan, for a scan thread, with the users to index its rows by. */
export interface ScanPart {
  plan: ScanPlan;
  from: number;
  to: number;
  users: PackedUsers;
}

/**
 * The reads of the SQLite analysis on one connection. The database selects the exposures and
 * evaluates every metric on every candidate event (filters, JSON paths, values); each row goes
 * to an application-defined SQL function that appends it to a fold.
 */
export class AnalysisReader {
  private fold: AnalysisFold | undefined;

  constructor(private readonly sqlite: SQLite.Database) {
    // Scans read the whole table once: mapped pages spare a system call per page.
    sqlite.pragma("mmap_size = 1073741824");
    sqlite.function(FOLD, { varargs: true, directOnly: true }, (...row: unknown[]) => {
      this.fold?.add(row[0] as string, row[1] as string, row, 2);
      return null;
    });
  }

  /** The exposed users into `fold` (those not analysed marked so), and their counts. */
  exposures(plan: ScanPlan, fold: AnalysisFold): ExposureCounts {
    const analysed = new Set(plan.variantIds);
    // Per user: the one variant (-1 for several) and the first in-window exposure.
    const rows = this.sqlite
      .prepare(plan.exposed.sql)
      .raw()
      .iterate(...plan.exposed.parameters) as IterableIterator<[string, number, string]>;
    const users: FoldUser[] = [];
    for (const [key, variant, at] of rows) {
      const user = fold.user(key);
      if (!user) {
        const added = { variant, at, from: at };
        fold.addUser(key, added);
        users.push(added);
      } else {
        if (user.variant !== variant) user.variant = -1;
        if (at < user.at) user.at = at;
      }
    }
    const exposures: ExposureCounts = {
      total: users.length,
      multipleVariants: 0,
      perVariant: new Map(),
    };
    for (const user of users) {
      if (user.variant === -1) exposures.multipleVariants++;
      else
        exposures.perVariant.set(user.variant, (exposures.perVariant.get(user.variant) ?? 0) + 1);
      if (user.variant === -1 || !analysed.has(user.variant)) user.excluded = true;
      else user.from = plan.cuped ? daysBefore(user.at, PRE_PERIOD_DAYS) : user.at;
    }
    return exposures;
  }

  /** The events with ids in [from, to] into `fold` (its users gathered first). */
  scan(plan: ScanPlan, fold: AnalysisFold, from: number, to: number): void {
    const lower = fold.lowerBound();
    if (lower === undefined || plan.metrics.length === 0 || to < from) return;
    fold.reserve(reservedRows(to - from + 1, plan.metrics.length));
    const parameters = [...plan.scan.parameters.slice(0, -3), lower, from, to];
    this.fold = fold;
    try {
      this.sqlite.prepare(plan.scan.sql).get(...parameters);
    } finally {
      this.fold = undefined;
    }
  }

  /** A scan thread's part: its range of events, indexed by the users it was sent. */
  part({ plan, from, to, users }: ScanPart): FoldRows {
    const fold = AnalysisFold.unpack(plan.metrics, users);
    this.sqlite.transaction(() => this.scan(plan, fold, from, to)).deferred();
    return fold.rows();
  }
}

/**
 * The analysis on SQLite: AnalysisReader reads, AnalysisFold groups the rows by user and day.
 * Same results as AnalysisQuery on PostgreSQL, several times faster here: SQLite has no hash
 * aggregation, and its sorting GROUP BY over two million rows was most of an analysis.
 *
 * A large scan is shared by event id with scan threads (one per further core): once this
 * thread has read the exposures, each reads a range of events through its own connection,
 * while this one reads the first. Every range stops at the largest event id this thread saw
 * first, so events stored meanwhile are left to the next analysis.
 */
export class SqliteAnalysisQuery {
  private readonly q = new AnalysisSql("sqlite");
  private readonly reader: AnalysisReader;
  private readonly helpers: WorkerClient<ScanPart, FoldRows>[];
  private readonly sharedScanMinRows: number;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly sqlite: SQLite.Database,
    options: {
      /** The database file, for scan threads; none for an in-memory database. */
      path?: string;
      /** Scan threads; by default one per further core, at most three. */
      threads?: number;
      /** The smallest span of event ids whose scan is shared. */
      sharedScanMinRows?: number;
    } = {},
  ) {
    this.reader = new AnalysisReader(sqlite);
    const { path } = options;
    this.sharedScanMinRows = options.sharedScanMinRows ?? SHARED_SCAN_MIN_ROWS;
    const threads =
      path === undefined ? 0 : (options.threads ?? Math.min(availableParallelism() - 1, 3));
    this.helpers = Array.from(
      { length: Math.max(threads, 0) },
      () =>
        new WorkerClient<ScanPart, FoldRows>(
          workerModule("experiments/analysis-scan-thread.js"),
          { path },
          "analysis scan",
        ),
    );
    for (const helper of this.helpers) helper.warm();
  }

  private plan(input: AnalysisInput): ScanPlan {
    const keys = [...new Set(input.metrics.map((m) => m.eventKey))];
    const scan = sql`
      select count(${sql.raw(FOLD)}(e.user_key, e.timestamp, ${sql.join(
        input.metrics.map((m) => this.q.eventColumn(m)),
      )}))
        from raw_events e
       where e.environment_id = ${input.environmentId}
         and e.event_key in (${sql.join(keys.map((k) => sql`${k}`))})
         and e.timestamp < ${input.end}
         and e.timestamp >= ${""} and e.id >= ${0} and e.id <= ${0}`.compile(this.db);
    return {
      exposed: exposedSql(input, "sqlite").compile(this.db),
      scan,
      metrics: input.metrics,
      variantIds: input.variantIds,
      cuped: input.cuped,
    };
  }

  async run(input: AnalysisInput): Promise<AnalysisOutput> {
    const plan = this.plan(input);
    // Each a single index step (a min() and a max() in one select would scan the table).
    const bounds = this.sqlite
      .prepare(
        "select (select min(id) from raw_events) as low, (select max(id) from raw_events) as high",
      )
      .get() as { low: number | null; high: number | null };
    const ids = { low: bounds.low ?? 1, high: bounds.high ?? 0 };
    const span = ids.high - ids.low + 1;
    const parts =
      span < this.sharedScanMinRows || input.metrics.length === 0 ? 1 : this.helpers.length + 1;
    // This thread starts scanning first; the others unpack the users before they start: a
    // larger first range evens out when they finish.
    const first = parts === 1 ? span : Math.ceil((span * OWN_SHARE) / parts);
    const size = Math.ceil((span - first) / Math.max(parts - 1, 1));
    const ranges = [{ from: ids.low, to: ids.low + first - 1 }];
    for (let i = 1; i < parts; i++) {
      const from = ids.low + first + (i - 1) * size;
      ranges.push({ from, to: Math.min(from + size - 1, ids.high) });
    }

    const fold = new AnalysisFold(input.metrics);
    // Room for every range's rows, so that merging the others' copies nothing twice.
    fold.reserve(reservedRows(span, input.metrics.length));
    const exposures = this.sqlite.transaction(() => this.reader.exposures(plan, fold)).deferred();
    const users = parts > 1 ? fold.packUsers() : undefined;
    const shared = ranges.slice(1).map((range, i) =>
      (this.helpers[i] as WorkerClient<ScanPart, FoldRows>).request({
        plan,
        ...range,
        users: users as PackedUsers,
      }),
    );
    const own = ranges[0] as { from: number; to: number };
    this.sqlite.transaction(() => this.reader.scan(plan, fold, own.from, own.to)).deferred();
    // A range whose thread failed (it died, or could not open the file) is scanned here.
    const answers = await Promise.allSettled(shared);
    answers.forEach((answer, i) => {
      if (answer.status === "fulfilled") fold.append(answer.value);
      else {
        const range = ranges[i + 1] as { from: number; to: number };
        this.sqlite
          .transaction(() => this.reader.scan(plan, fold, range.from, range.to))
          .deferred();
      }
    });
    return { exposures, days: fold.deltas(input.cuped) };
  }

  async close(): Promise<void> {
    await Promise.all(this.helpers.map((helper) => helper.close()));
  }
}
