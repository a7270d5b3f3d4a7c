import { AnalysisFold } from "./fold.js";
import { type FoldState, FoldStates, freshState } from "./kept-state.js";
import type { KeptStore } from "./kept-store.js";
import {
  type AnalysisInput,
  type AnalysisOutput,
  type AnalysisRun,
  mergeOutputs,
} from "./output.js";
import type { Partition } from "./sql.js";
import { isoMs } from "./utc-days.js";

/** The stored rows' id ranges when an analysis starts. */
export interface RowBounds {
  /** Lowest and highest raw event ids (high < low: none). */
  low: number;
  high: number;
  impressionsLow: number;
  impressionsHigh: number;
  /**
   * Whether no row with an id up to these can still appear (SQLite: one writer; PostgreSQL:
   * once the writers open when they were noted have ended). Only then are rows kept.
   */
  final: boolean;
}

/**
 * What a database supplies to the analysis: its rows, evaluated for the metrics by the
 * database (filters, JSON paths, values), for the one engine to fold.
 */
export interface RowSource {
  bounds(): Promise<RowBounds>;
  /**
   * Into `state`, on one consistent view: the metrics' events with ids in [from, to] (into its
   * fold), and its exposures brought up to the impression with id `impressionsHigh` (see
   * exposuresSince); only the users of `partition` when given.
   */
  read(
    input: AnalysisInput,
    state: FoldState,
    events: { from: number; to: number },
    impressionsHigh: number,
    partition?: Partition,
  ): Promise<void>;
  /** The bytes of a stored segment (see KeptStore): its parts in order, as one buffer. */
  keptBytes(signature: string, token: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * The analysis, the same on every database: the rows of an analysis are kept (FoldStates), so
 * the next one of the same metrics reads only the events and impressions stored since, and the
 * fold turns them into per-(variant, day) increments. An analysis whose rows would pass the
 * memory budget runs in passes over disjoint sets of users (hash partitions), each folded
 * alone, and the outputs are added up; nothing is kept then.
 */
export class AnalysisEngine {
  private readonly states: FoldStates;
  /** The event ids the last analysis read (none when `to` < `from`). */
  lastScan = { from: 1, to: 0 };
  /** How many passes the last analysis took (1 unless over the memory budget). */
  lastPasses = 1;

  /**
   * `store`: where kept rows are also stored, so that a restart or another process goes on
   * from them (none: kept in memory only).
   */
  /** The storing of the last analysis' rows, and why it failed (told by the next analysis). */
  private storing: Promise<void> = Promise.resolve();
  private storeFailure: string | undefined;

  constructor(
    private readonly source: RowSource,
    keptBytes?: number,
    private readonly store?: KeptStore,
  ) {
    this.states = new FoldStates(keptBytes);
  }

  async run(input: AnalysisInput): Promise<AnalysisOutput> {
    // The last analysis' rows are stored first (they may be this one's).
    await this.storing;
    let storeError = this.storeFailure;
    this.storeFailure = undefined;
    const bounds = await this.source.bounds();
    const started = performance.now();
    const kept = bounds.final
      ? this.states.take(input, bounds.low, bounds.impressionsLow)
      : undefined;
    let state = kept ?? freshState(input, bounds.low, bounds.impressionsLow);
    let way: AnalysisRun["way"] = !bounds.final ? "unkept" : kept ? "kept" : "full";
    if (way === "full" && this.store) {
      // Stored rows that cannot be read are read again from the events.
      const stored = await this.store
        .load(input, bounds.low, bounds.impressionsLow)
        .catch((error: unknown) => {
          storeError = error instanceof Error ? error.message : String(error);
          return undefined;
        });
      if (stored) {
        state = stored;
        way = "stored";
      }
    }
    const high = Math.max(bounds.high, state.high);
    const impressionsHigh = Math.max(bounds.impressionsHigh, state.impressionsHigh);
    // At most one row per event id (fewer: other keys, times before the window).
    const bytes =
      state.fold.bytes + (high - state.high) * AnalysisFold.rowBytes(input.metrics.length);
    if (bytes > this.states.maxBytes)
      return this.inPasses(input, bounds, Math.ceil(bytes / this.states.maxBytes));
    this.lastPasses = 1;
    this.lastScan = { from: state.high + 1, to: high };
    const before = state.fold.size;
    await this.source.read(input, state, { from: state.high + 1, to: high }, impressionsHigh);
    const read = performance.now();
    // Kept only once everything is in (a failed read forgets the rows).
    if (bounds.final) {
      state.high = high;
      state.impressionsHigh = impressionsHigh;
      this.states.keep(input, state);
    }
    const output = analyse(input, state);
    const run: AnalysisRun = {
      way,
      rows: state.fold.size - before,
      passes: 1,
      readMs: Math.round(read - started),
      foldMs: Math.round(performance.now() - read),
      ...(storeError === undefined ? {} : { storeError }),
    };
    // Stored after the answer: nobody waits for it.
    const store = this.store;
    if (bounds.final && store)
      this.storing = new Promise((resolve) => setImmediate(resolve))
        .then(() => store.save(input, state))
        .catch((error: unknown) => {
          this.storeFailure = error instanceof Error ? error.message : String(error);
        });
    return { ...output, run };
  }

  private async inPasses(
    input: AnalysisInput,
    bounds: RowBounds,
    count: number,
  ): Promise<AnalysisOutput> {
    this.lastPasses = count;
    this.lastScan = { from: 1, to: 0 };
    const outputs: AnalysisOutput[] = [];
    let rows = 0;
    let readMs = 0;
    let foldMs = 0;
    for (let index = 0; index < count; index++) {
      const state = freshState(input, bounds.low, bounds.impressionsLow);
      const started = performance.now();
      await this.source.read(
        input,
        state,
        { from: bounds.low, to: bounds.high },
        bounds.impressionsHigh,
        { index, count },
      );
      const read = performance.now();
      outputs.push(analyse(input, state));
      rows += state.fold.size;
      readMs += read - started;
      foldMs += performance.now() - read;
    }
    return {
      ...mergeOutputs(outputs, input.metrics.length),
      run: {
        way: "passes",
        rows,
        passes: count,
        readMs: Math.round(readMs),
        foldMs: Math.round(foldMs),
      },
    };
  }

  async close(): Promise<void> {
    await this.storing;
    await this.source.close();
  }
}

/** The output of the rows in `state`: its analysed users' increments, up to the window's end. */
function analyse(input: AnalysisInput, state: FoldState): AnalysisOutput {
  const end = isoMs(input.end);
  const { exposures, users } = state.exposures.analysed(input.variantIds, end);
  const days = state.increments.update(
    state.fold,
    state.users.size,
    users,
    end,
    input.variantIds,
    input.cuped,
  );
  return { exposures, days };
}
