import { isDatabaseUnavailable } from "../storage/postgres-pool.js";

/** How long a failed write keeps the server not ready unless a later write succeeds. */
const FAILURE_MEMORY_MS = 15_000;

/**
 * Whether the database takes writes. A trivial query can succeed while writes fail (a full
 * disk, a read-only standby after a failover), so readiness also asks how the last ingestion
 * write went: a write that failed because the database was unavailable makes the server not
 * ready until a write succeeds or the failure is FAILURE_MEMORY_MS old.
 */
export class DatabaseHealth {
  private failedAt: number | undefined;
  private lastProblem = "";

  constructor(private readonly now: () => number = Date.now) {}

  failed(error: unknown): void {
    if (!isDatabaseUnavailable(error)) return;
    this.failedAt = this.now();
    this.lastProblem = error instanceof Error ? error.message : String(error);
  }

  succeeded(): void {
    this.failedAt = undefined;
  }

  /** Why writes are failing, or undefined when they are not. */
  problem(): string | undefined {
    if (this.failedAt === undefined || this.now() - this.failedAt > FAILURE_MEMORY_MS)
      return undefined;
    return this.lastProblem;
  }
}
