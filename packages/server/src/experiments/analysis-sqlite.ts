import type SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import type { Tables } from "../storage/tables.js";
import { AnalysisFold } from "./analysis-fold.js";
import {
  type AnalysisInput,
  type AnalysisOutput,
  type ExposureCounts,
  exposedSql,
} from "./analysis-query.js";
import { AnalysisSql } from "./analysis-sql.js";

const FOLD = "flagsync_analysis_fold";
const PRE_PERIOD_MS = 14 * 86_400_000;

/**
 * The analysis on SQLite: the database selects the exposures and evaluates every metric on
 * every candidate event (filters, JSON paths, values) in one scan, handing each row to an
 * application-defined SQL function; AnalysisFold groups them by user and day in one pass.
 * Same results as AnalysisQuery on PostgreSQL, several times faster here: SQLite has no hash
 * aggregation, and its sorting GROUP BY over two million rows was most of an analysis.
 */
export class SqliteAnalysisQuery {
  private readonly q = new AnalysisSql("sqlite");
  private fold: AnalysisFold | undefined;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly sqlite: SQLite.Database,
  ) {
    this.sqlite.function(FOLD, { varargs: true, directOnly: true }, (...row: unknown[]) => {
      this.fold?.add(row[0] as string, row[1] as string, row, 2);
      return null;
    });
  }

  async run(input: AnalysisInput): Promise<AnalysisOutput> {
    const exposed = exposedSql(input).compile(this.db);
    const analysed = new Set(input.variantIds);
    const fold = new AnalysisFold(input.metrics);
    const read = this.sqlite.transaction((): ExposureCounts => {
      // Per user: the one variant (-1 for several) and the first in-window exposure.
      const users = new Map<string, { variant: number; at: string }>();
      const rows = this.sqlite
        .prepare(exposed.sql)
        .raw()
        .iterate(...exposed.parameters) as IterableIterator<[string, number, string]>;
      for (const [key, variant, at] of rows) {
        const user = users.get(key);
        if (!user) users.set(key, { variant, at });
        else {
          if (user.variant !== variant) user.variant = -1;
          if (at < user.at) user.at = at;
        }
      }
      const exposures: ExposureCounts = {
        total: users.size,
        multipleVariants: 0,
        perVariant: new Map(),
      };
      for (const [key, user] of users) {
        if (user.variant === -1) {
          exposures.multipleVariants++;
          continue;
        }
        exposures.perVariant.set(user.variant, (exposures.perVariant.get(user.variant) ?? 0) + 1);
        if (!analysed.has(user.variant)) continue;
        const from = input.cuped
          ? new Date(Date.parse(user.at) - PRE_PERIOD_MS).toISOString()
          : user.at;
        fold.addUser(key, { variant: user.variant, at: user.at, from });
      }
      const lower = fold.lowerBound();
      if (lower === undefined || input.metrics.length === 0) return exposures;
      const keys = [...new Set(input.metrics.map((m) => m.eventKey))];
      const scan = sql`
        select count(${sql.raw(FOLD)}(e.user_key, e.timestamp, ${sql.join(
          input.metrics.map((m) => this.q.eventColumn(m)),
        )}))
          from raw_events e
         where e.environment_id = ${input.environmentId}
           and e.event_key in (${sql.join(keys.map((k) => sql`${k}`))})
           and e.timestamp >= ${lower} and e.timestamp < ${input.end}`.compile(this.db);
      this.fold = fold;
      try {
        this.sqlite.prepare(scan.sql).get(...scan.parameters);
      } finally {
        this.fold = undefined;
      }
      return exposures;
    });
    // A read transaction: exposures and events come from one snapshot of the database.
    const exposures = read.deferred();
    return { exposures, days: fold.deltas(input.cuped) };
  }
}
