import { availableParallelism } from "node:os";
import type SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import { MetricSql } from "../../metrics/metric-sql.js";
import type { Tables } from "../../storage/tables.js";
import { WorkerClient, workerModule } from "../../threads/worker-client.js";
import type { RowBounds, RowSource } from "../engine.js";
import { AnalysisFold, type FoldRows } from "../fold.js";
import { exposuresSince, type FoldState } from "../kept-state.js";
import type { AnalysisInput } from "../output.js";
import { metricEventsWhere, type Partition, USER_HASH, userHash } from "../sql.js";
import { UserIndex } from "../user-index.js";

const FOLD = "flagsync_analysis_fold";
/** Below this many raw event ids a scan runs whole on one thread: sharing it costs more. */
const SHARED_SCAN_MIN_ROWS = 200_000;
/** How much more than an even share of a shared scan this thread takes. */
const OWN_SHARE = 1.1;
/** Bytes made room for before a scan (see AnalysisFold.rowBytes); more grow as needed. */
const RESERVED_BYTES = 256 * 1024 * 1024;

/** How many rows of `metrics` columns to make room for ahead of a scan of `span` event ids. */
function reservedRows(span: number, metrics: number): number {
  return Math.max(0, Math.min(span, Math.floor(RESERVED_BYTES / AnalysisFold.rowBytes(metrics))));
}

/** A statement compiled for better-sqlite3. */
interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

/** The scan of events of an analysis, whose last two parameters are a range of event ids. */
export interface ScanPlan {
  scan: Statement;
  metrics: AnalysisInput["metrics"];
}

/** One id range of a scan, for a scan thread. */
export interface ScanPart {
  plan: ScanPlan;
  from: number;
  to: number;
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
    sqlite.function(USER_HASH, { deterministic: true, directOnly: true }, (key: unknown) =>
      userHash(String(key)),
    );
  }

  /** The exposures `read` selects (see exposuresSince) into the state. */
  exposures(read: Statement, state: FoldState): void {
    const rows = this.sqlite
      .prepare(read.sql)
      .raw()
      .iterate(...read.parameters) as IterableIterator<[string, number, string]>;
    for (const [key, variant, at] of rows) state.exposures.add(key, variant, at);
  }

  /** The events with ids in [from, to] into `fold`. */
  scan(plan: ScanPlan, fold: AnalysisFold, from: number, to: number): void {
    if (plan.metrics.length === 0 || to < from) return;
    fold.reserve(reservedRows(to - from + 1, plan.metrics.length));
    const parameters = [...plan.scan.parameters.slice(0, -2), from, to];
    this.fold = fold;
    try {
      this.sqlite.prepare(plan.scan.sql).get(...parameters);
    } finally {
      this.fold = undefined;
    }
  }

  /** A scan thread's part: the rows of its range of events. */
  part({ plan, from, to }: ScanPart): FoldRows {
    const fold = new AnalysisFold(plan.metrics, new UserIndex());
    this.sqlite.transaction(() => this.scan(plan, fold, from, to)).deferred();
    return fold.rows();
  }
}

/**
 * SQLite's rows for the analysis engine: AnalysisReader reads, on this thread and on scan
 * threads. SQLite has one writer, so every id up to the largest one seen is final.
 *
 * A large scan is shared by event id with scan threads (one per further core): each reads a
 * range of events through its own connection, while this one reads the first; a range whose
 * thread failed (it died, or could not open the file) is read here. Every range stops at the
 * largest event id noted when the analysis started, so events stored meanwhile are left to the
 * next analysis.
 */
export class SqliteRowSource implements RowSource {
  private readonly q = new MetricSql("sqlite");
  private readonly reader: AnalysisReader;
  /** Scan threads, started for the first shared scan (a restart that goes on from stored rows needs none). */
  private helpers: WorkerClient<ScanPart, FoldRows>[] | undefined;
  private readonly threads: number;
  private readonly path: string | undefined;
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
    this.path = options.path;
    this.sharedScanMinRows = options.sharedScanMinRows ?? SHARED_SCAN_MIN_ROWS;
    this.threads =
      this.path === undefined
        ? 0
        : Math.max(options.threads ?? Math.min(availableParallelism() - 1, 3), 0);
  }

  private scanThreads(): WorkerClient<ScanPart, FoldRows>[] {
    this.helpers ??= Array.from(
      { length: this.threads },
      () =>
        new WorkerClient<ScanPart, FoldRows>(
          workerModule("analysis/sources/sqlite-scan.worker.js"),
          { path: this.path },
          "analysis scan",
        ),
    );
    return this.helpers;
  }

  private plan(input: AnalysisInput, partition?: Partition): ScanPlan {
    // No end: the rows are kept for later analyses, whose windows end later. The id range is
    // set per scan (see `scan`).
    const scan = sql`
      select count(${sql.raw(FOLD)}(e.user_key, e.timestamp, ${sql.join(
        input.metrics.map((m) => this.q.eventColumn(m)),
      )}))
        from raw_events e
       where ${metricEventsWhere(input, 0, 0, "sqlite", partition)}`.compile(this.db);
    return { scan, metrics: input.metrics };
  }

  async bounds(): Promise<RowBounds> {
    // Each a single index step (a min() and a max() in one select would scan the table).
    const ids = this.sqlite
      .prepare(
        `select (select min(id) from raw_events) as low, (select max(id) from raw_events) as high,
                (select min(id) from raw_impressions) as impressionsLow,
                (select max(id) from raw_impressions) as impressionsHigh`,
      )
      .get() as Record<"low" | "high" | "impressionsLow" | "impressionsHigh", number | null>;
    return {
      low: ids.low ?? 1,
      high: ids.high ?? 0,
      impressionsLow: ids.impressionsLow ?? 1,
      impressionsHigh: ids.impressionsHigh ?? 0,
      final: true,
    };
  }

  async read(
    input: AnalysisInput,
    state: FoldState,
    events: { from: number; to: number },
    impressionsHigh: number,
    partition?: Partition,
  ): Promise<void> {
    const plan = this.plan(input, partition);
    const fold = state.fold;
    const span = events.to - events.from + 1;
    const helpers =
      span < this.sharedScanMinRows || input.metrics.length === 0 ? [] : this.scanThreads();
    const parts = helpers.length + 1;
    // This thread's range is a little larger: the others start a message later.
    const first = parts === 1 ? span : Math.ceil((span * OWN_SHARE) / parts);
    const size = Math.ceil((span - first) / Math.max(parts - 1, 1));
    const ranges = [{ from: events.from, to: events.from + first - 1 }];
    for (let i = 1; i < parts; i++) {
      const from = events.from + first + (i - 1) * size;
      ranges.push({ from, to: Math.min(from + size - 1, events.to) });
    }
    // Room for every range's rows, so that merging the others' copies nothing twice (a pass
    // over one of `count` partitions holds about that share of them).
    fold.reserve(reservedRows(Math.ceil(span / (partition?.count ?? 1)), input.metrics.length));
    const shared = ranges
      .slice(1)
      .map((range, i) =>
        (helpers[i] as WorkerClient<ScanPart, FoldRows>).request({ plan, ...range }),
      );
    const own = ranges[0] as { from: number; to: number };
    this.sqlite.transaction(() => this.reader.scan(plan, fold, own.from, own.to)).deferred();
    // Impressions stored after the ids were noted are read again next time: that changes nothing.
    const exposures = exposuresSince(input, state, impressionsHigh, "sqlite", partition).compile(
      this.db,
    );
    this.sqlite.transaction(() => this.reader.exposures(exposures, state)).deferred();
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
  }

  async keptBytes(signature: string, token: string): Promise<Buffer> {
    const parts = this.sqlite
      .prepare(
        "select data from analysis_kept_parts where signature = ? and token = ? order by part",
      )
      .pluck()
      .all(signature, token) as Buffer[];
    return Buffer.concat(parts);
  }

  async close(): Promise<void> {
    await Promise.all((this.helpers ?? []).map((helper) => helper.close()));
  }
}
