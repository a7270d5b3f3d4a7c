import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Which database a DATABASE_URL selects. */
export type DatabaseTarget =
  | {
      dialect: "sqlite";
      path: string;
      /**
       * SQLite's `synchronous` on the server's connections (SQLITE_SYNCHRONOUS): `full` (the
       * default) syncs the WAL at every commit, so an acknowledged write survives a power loss;
       * `normal` syncs only at checkpoints, faster but the last commits may be lost.
       */
      synchronous?: SqliteSynchronous;
    }
  | { dialect: "postgres"; url: string };

export const SQLITE_SYNCHRONOUS = ["full", "normal"] as const;
export type SqliteSynchronous = (typeof SQLITE_SYNCHRONOUS)[number];
/** Limits on requests that are refused or that flood; a rate of 0 switches a limit off. */
export interface RateLimits {
  /** Requests refused for missing or wrong credentials, per client address and second. */
  readonly refusedPerSecond: number;
  /** How many refused requests an address may send at once before it gets 429. */
  readonly refusedBurst: number;
  /** Wrong admin tokens from an address that lock it out of the admin API. */
  readonly signInFailures: number;
  /** Window in which those failures count, and how long the lockout lasts. */
  readonly lockoutSeconds: number;
  /** Tracking requests (impressions and events) per SDK key and second. */
  readonly trackPerSecond: number;
  readonly trackBurst: number;
  /** Client addresses and SDK keys each limit remembers at most (memory stays bounded). */
  readonly trackedClients: number;
}

/** Server settings, read once from the environment at start-up. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly database: DatabaseTarget;
  /** Seeds an admin API token when set (hashed at rest like every token). */
  readonly adminToken: string | undefined;
  /** Where first-start credentials are written. */
  readonly dataDir: string;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Largest request body accepted, in bytes. */
  readonly bodyLimit: number;
  /** Seconds between keep-alive comments and pings on SDK streams. */
  readonly heartbeatSeconds: number;
  /** Trust X-Forwarded-For from a proxy in front, for the client IP that IP clauses read. */
  readonly trustProxy: boolean;
  /** Request header holding the client's country code (set by a CDN or proxy), for COUNTRY clauses. */
  readonly countryHeader: string | undefined;
  /** Days raw events and impressions are kept; older timestamps are refused at ingestion. */
  readonly retentionDays: number;
  /**
   * How often each process looks for due schedules and webhook deliveries it was not told of
   * (made by another process, or left by one that stopped); its own it runs on time.
   */
  readonly jobsPollMs: number;
  /** Webhooks: the first retry's wait (doubling each time, for a day) and an attempt's timeout. */
  readonly webhooks: { readonly retryBaseMs: number; readonly timeoutMs: number };
  /** The built dashboard served at `/` (packages/dashboard/dist unless set). */
  readonly dashboardDir: string;
  /** Memory for the event rows analyses keep, so that the next reads only newer events. */
  readonly analysisMemoryMb: number;
  /** Open connections the server accepts at once; more are closed as they arrive. */
  readonly maxConnections: number;
  /** SDK streams (SSE and WebSocket) one client address may hold open. */
  readonly maxStreamsPerAddress: number;
  /** SDK streams one SDK key may hold open. */
  readonly maxStreamsPerKey: number;
  /** Seconds a client has to send a request's headers (slow-header connections are cut). */
  readonly headerTimeoutSeconds: number;
  readonly rateLimits: RateLimits;
  /** Single sign-on with OpenID Connect; none when OIDC_ISSUER is not set. */
  readonly sso?: SsoConfig;
}

/** An OpenID Connect provider people sign in with. */
export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Email domains allowed to sign in (lower case); empty: any. */
  allowedDomains: string[];
  /** The role a user created at first sign-in gets in workspace `default`. */
  defaultRole: "owner" | "admin" | "editor" | "viewer";
  /** The server's address as browsers reach it (the callback is under it); else the request's. */
  publicUrl: string | undefined;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** Parses a DATABASE_URL: `sqlite:<path>` or `postgres://…` (also `postgresql://…`). */
export function parseDatabaseUrl(url: string): DatabaseTarget | undefined {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://"))
    return { dialect: "postgres", url };
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length).replace(/^\/\//, "");
    if (path.length === 0) return undefined;
    return { dialect: "sqlite", path: path === ":memory:" ? path : resolve(path) };
  }
  return undefined;
}

function integer(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return value;
}

/**
 * Reads the configuration from environment variables. Fails with one message listing every
 * bad variable. The only place that reads process.env.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL || "sqlite:./data/flagsync.db";
  const database = parseDatabaseUrl(databaseUrl);
  if (!database)
    problems.push(`DATABASE_URL must be sqlite:<path> or postgres://… (got "${databaseUrl}")`);
  const logLevel = (env.LOG_LEVEL || "info") as Config["logLevel"];
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  const synchronous = (env.SQLITE_SYNCHRONOUS || "full").toLowerCase() as SqliteSynchronous;
  if (!SQLITE_SYNCHRONOUS.includes(synchronous))
    problems.push(`SQLITE_SYNCHRONOUS must be one of ${SQLITE_SYNCHRONOUS.join(", ")}`);
  const adminToken = env.FLAGSYNC_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 32) {
    problems.push("FLAGSYNC_ADMIN_TOKEN must be at least 32 characters");
  }
  let sso: SsoConfig | undefined;
  if (env.OIDC_ISSUER) {
    if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)
      problems.push("OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET");
    const defaultRole = env.OIDC_DEFAULT_ROLE || "viewer";
    if (!["owner", "admin", "editor", "viewer"].includes(defaultRole))
      problems.push("OIDC_DEFAULT_ROLE must be one of owner, admin, editor, viewer");
    sso = {
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_CLIENT_ID ?? "",
      clientSecret: env.OIDC_CLIENT_SECRET ?? "",
      allowedDomains: (env.OIDC_ALLOWED_DOMAINS ?? "")
        .split(",")
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
      defaultRole: defaultRole as SsoConfig["defaultRole"],
      publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, "") : undefined,
    };
  }
  const config: Config = {
    port: integer(env, "PORT", 8080, 0, 65535, problems),
    host: env.HOST || "127.0.0.1",
    database:
      database?.dialect === "sqlite" && synchronous !== "full"
        ? { ...database, synchronous }
        : (database ?? { dialect: "sqlite", path: resolve("data/flagsync.db") }),
    adminToken,
    dataDir: resolve(env.FLAGSYNC_DATA_DIR || "data"),
    logLevel,
    bodyLimit: integer(env, "BODY_LIMIT_BYTES", 1_048_576, 1024, 64 * 1_048_576, problems),
    heartbeatSeconds: integer(env, "STREAM_HEARTBEAT_SECONDS", 15, 1, 3600, problems),
    trustProxy: env.TRUST_PROXY === "true" || env.TRUST_PROXY === "1",
    countryHeader: env.COUNTRY_HEADER ? env.COUNTRY_HEADER.toLowerCase() : undefined,
    retentionDays: integer(env, "RETENTION_DAYS", 90, 1, 3650, problems),
    jobsPollMs: integer(env, "JOBS_POLL_MS", 1000, 50, 3_600_000, problems),
    webhooks: Object.freeze({
      retryBaseMs: integer(env, "WEBHOOK_RETRY_BASE_MS", 10_000, 10, 3_600_000, problems),
      timeoutMs: integer(env, "WEBHOOK_TIMEOUT_MS", 10_000, 100, 60_000, problems),
    }),
    analysisMemoryMb: integer(env, "ANALYSIS_MEMORY_MB", 1024, 16, 1_048_576, problems),
    maxConnections: integer(env, "MAX_CONNECTIONS", 20_000, 1, 1_000_000, problems),
    maxStreamsPerAddress: integer(env, "MAX_STREAMS_PER_ADDRESS", 1000, 1, 1_000_000, problems),
    maxStreamsPerKey: integer(env, "MAX_STREAMS_PER_KEY", 10_000, 1, 1_000_000, problems),
    headerTimeoutSeconds: integer(env, "HEADER_TIMEOUT_SECONDS", 10, 1, 300, problems),
    rateLimits: Object.freeze({
      refusedPerSecond: integer(env, "RATE_LIMIT_REFUSED_PER_SECOND", 10, 0, 1_000_000, problems),
      refusedBurst: integer(env, "RATE_LIMIT_REFUSED_BURST", 100, 1, 1_000_000, problems),
      signInFailures: integer(env, "ADMIN_SIGN_IN_FAILURES", 10, 0, 1_000_000, problems),
      lockoutSeconds: integer(env, "ADMIN_LOCKOUT_SECONDS", 300, 1, 86_400, problems),
      trackPerSecond: integer(env, "RATE_LIMIT_TRACK_PER_SECOND", 2000, 0, 1_000_000, problems),
      trackBurst: integer(env, "RATE_LIMIT_TRACK_BURST", 10_000, 1, 10_000_000, problems),
      trackedClients: integer(env, "RATE_LIMIT_MAX_CLIENTS", 50_000, 100, 10_000_000, problems),
    }),
    dashboardDir: env.FLAGSYNC_DASHBOARD_DIR
      ? resolve(env.FLAGSYNC_DASHBOARD_DIR)
      : fileURLToPath(new URL("../../dashboard/dist", import.meta.url)),
    ...(sso ? { sso } : {}),
  };
  if (problems.length > 0)
    throw new Error(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
  return Object.freeze(config);
}
