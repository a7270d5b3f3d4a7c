import { availableParallelism } from "node:os";
import type SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import type { Tables } from "../storage/tables.js";
import { WorkerClient, workerModule } from "../threads/worker-client.js";
import { AnalysisFold, daysBefore, type FoldRows, type FoldUser } from "./analysis-fold.js";
import {
  type AnalysisInput,
  type AnalysisOutput,
  type ExposureCounts,
  exposedSql,
} from "./analysis-query.js";
import { AnalysisSql } from "./analysis-sql.js";

const FOLD = "flagsync_analysis_fold";
const PRE_PERIOD_DAYS = 14;
/** Below this many raw event ids a scan runs whole on one thread: sharing it costs more. */
const SHARED_SCAN_MIN_ROWS = 200_000;
/** How much more than an even part of a shared scan this thread takes. */
const OWN_SHARE = 1.15;
/** Rows made room for before a scan (48 bytes each with five metrics); more grow as needed. */
const RESERVED_ROWS = 4_000_000;

/** One part of an event scan, run by a scan thread over its own connection. */
export interface ScanPart {
  sql: string;
  parameters: unknown[];
  metrics: AnalysisInput["metrics"];
  keys: string[];
  users: FoldUser[];
}

/**
 * The SQLite scan of raw events: each row's user, time and metric columns, evaluated by the
 * database (filters, JSON paths, values), go to an application-defined SQL function that
 * appends them to a fold.
 */
export class EventScan {
  private fold: AnalysisFold | undefined;

  constructor(private readonly sqlite: SQLite.Database) {
    // Scans read the whole table once: mapped pages spare a system call per page.
    sqlite.pragma("mmap_size = 1073741824");
    sqlite.function(FOLD, { varargs: true, directOnly: true }, (...row: unknown[]) => {
      this.fold?.add(row[0] as string, row[1] as string, row, 2);
      return null;
    });
  }

  run(fold: AnalysisFold, statement: string, parameters: unknown[]): void {
    this.fold = fold;
    try {
      this.sqlite.prepare(statement).get(...parameters);
    } finally {
      this.fold = undefined;
    }
  }

  /** Runs a part sent by another thread; the rows it collected. */
  runPart(part: ScanPart): FoldRows {
    const fold = new AnalysisFold(part.metrics);
    part.keys.forEach((key, i) => fold.addUser(key, part.users[i] as FoldUser));
    const [from, to] = part.parameters.slice(-2) as [number, number];
    fold.reserve(Math.min(to - from + 1, RESERVED_ROWS));
    this.sqlite.transaction(() => this.run(fold, part.sql, part.parameters)).deferred();
    return fold.rows();
  }
}

/**
 * The analysis on SQLite: the database selects the exposures and evaluates every metric on
 * every candidate event in one scan (EventScan); AnalysisFold groups the rows by user and day.
 * Same results as AnalysisQuery on PostgreSQL, several times faster here: SQLite has no hash
 * aggregation, and its sorting GROUP BY over two million rows was most of an analysis. A large
 * scan is shared by id range with scan threads (one per further core), each reading its range
 * through its own connection; every part stops at the largest event id of the exposures'
 * snapshot, so events stored meanwhile are left to the next analysis.
 */
export class SqliteAnalysisQuery {
  private readonly q = new AnalysisSql("sqlite");
  private readonly scan: EventScan;
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
    this.scan = new EventScan(sqlite);
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
  }

  async run(input: AnalysisInput): Promise<AnalysisOutput> {
    const fold = new AnalysisFold(input.metrics);
    // A read transaction: the exposures and the bounds of the scan from one snapshot.
    const { exposures, ids } = this.sqlite
      .transaction(() => {
        const exposures = this.exposures(input, fold);
        const ids = this.sqlite
          .prepare("select min(id) as low, max(id) as high from raw_events")
          .get() as { low: number | null; high: number | null };
        return { exposures, ids };
      })
      .deferred();
    const lower = fold.lowerBound();
    const { low, high } = ids;
    if (lower === undefined || input.metrics.length === 0 || low === null || high === null)
      return { exposures, days: fold.deltas(input.cuped) };

    const eventKeys = [...new Set(input.metrics.map((m) => m.eventKey))];
    const scan = sql`
      select count(${sql.raw(FOLD)}(e.user_key, e.timestamp, ${sql.join(
        input.metrics.map((m) => this.q.eventColumn(m)),
      )}))
        from raw_events e
       where e.environment_id = ${input.environmentId}
         and e.event_key in (${sql.join(eventKeys.map((k) => sql`${k}`))})
         and e.timestamp >= ${lower} and e.timestamp < ${input.end}
         and e.id >= ${0} and e.id <= ${0}`.compile(this.db);
    const range = (from: number, to: number) => [...scan.parameters.slice(0, -2), from, to];
    const span = high - low + 1;
    const parts = span < this.sharedScanMinRows ? 1 : this.helpers.length + 1;
    // This thread starts scanning at once; the others first receive the users: a larger part
    // here evens out when they finish.
    const own = parts === 1 ? span : Math.ceil((span * OWN_SHARE) / parts);
    const size = Math.ceil((span - own) / Math.max(parts - 1, 1));
    const shared = this.helpers.slice(0, parts - 1).map((helper, i) => {
      const from = low + own + i * size;
      return helper.request({
        sql: scan.sql,
        parameters: range(from, Math.min(from + size - 1, high)),
        metrics: input.metrics,
        ...fold.usersByKey(),
      });
    });
    fold.reserve(Math.min(own, RESERVED_ROWS));
    const ownScan = this.sqlite.transaction(() =>
      this.scan.run(fold, scan.sql, range(low, low + own - 1)),
    );
    ownScan.deferred();
    for (const rows of await Promise.all(shared)) fold.append(rows);
    return { exposures, days: fold.deltas(input.cuped) };
  }

  /** Who was exposed; each exposed user goes to the fold, those not analysed marked so. */
  private exposures(input: AnalysisInput, fold: AnalysisFold): ExposureCounts {
    const exposed = exposedSql(input, "sqlite").compile(this.db);
    const analysed = new Set(input.variantIds);
    // Per user: the one variant (-1 for several) and the first in-window exposure.
    const rows = this.sqlite
      .prepare(exposed.sql)
      .raw()
      .iterate(...exposed.parameters) as IterableIterator<[string, number, string]>;
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
      else user.from = input.cuped ? daysBefore(user.at, PRE_PERIOD_DAYS) : user.at;
    }
    return exposures;
  }

  async close(): Promise<void> {
    await Promise.all(this.helpers.map((helper) => helper.close()));
  }
}
