import pg from "pg";

// pg returns int8 (bigint) columns and aggregates as strings; our ids and counts fit doubles.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** How long opening a connection may take before the request that needs it fails. */
const CONNECT_TIMEOUT_MS = 3000;

/**
 * A pool of PostgreSQL connections that survives the database going away. pg emits `'error'`
 * on a client whose connection ends (a failover, a restart, pg_terminate_backend), and an
 * `'error'` event nobody listens to ends the process: the pool listens on idle clients only,
 * so every client gets a listener of its own as it connects. The query in flight still fails
 * with the error, and the pool drops the broken client when it is released. New connections
 * give up after a few seconds, so that requests fail fast while the database refuses them.
 */
export function createPgPool(
  url: string,
  options: { max: number; idleTimeoutMillis?: number },
  onError: (error: Error) => void = () => {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    // Connections stay open through quiet minutes: opening one costs a request 20-50 ms.
    idleTimeoutMillis: options.idleTimeoutMillis ?? 300_000,
    // Idle connections keep no thread alive: a worker that closes its pool exits at once.
    allowExitOnIdle: true,
  });
  pool.on("error", onError);
  pool.on("connect", (client) => client.on("error", onError));
  return pool;
}

/** SQLSTATE classes and codes that say the connection or the server, not the request, failed. */
const UNAVAILABLE_STATES = /^(08|57P0[1-4]|53|58)/;
/** Socket errors of a connection that dropped or could not be opened. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
/** SQLite result codes of a database that cannot be written now (full disk, I/O, lock, read-only). */
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|CANTOPEN|READONLY|PROTOCOL|NOMEM)/;

/**
 * Whether an error means the database was unavailable (connection lost or refused, server
 * shutting down, disk full) rather than that the request was wrong: such a request may succeed
 * when retried and is answered 503. pg raises a few of these without a code, so their texts,
 * fixed in pg's sources, are matched as the last resort.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (UNAVAILABLE_STATES.test(code) || SOCKET_CODES.has(code)) return true;
    if (SQLITE_UNAVAILABLE.test(code)) return true;
  }
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Connection ended)|is not currently accepting connections/.test(
    error.message,
  );
}
