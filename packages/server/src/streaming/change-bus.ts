import { randomUUID } from "node:crypto";
import type pg from "pg";

/**
 * A change other parts of the server (and other replicas) must react to. An empty `flagKeys`
 * means "any flag of these environments may have changed".
 */
export type Change =
  | { type: "flags"; environmentIds: number[]; flagKeys: string[] }
  | { type: "keys" }
  | { type: "environments" };

export type ChangeListener = (change: Change) => void;

/** Delivers changes to every listener in this process and, with PostgreSQL, in every replica. */
export interface ChangeBus {
  publish(change: Change): Promise<void>;
  subscribe(listener: ChangeListener): () => void;
  close(): Promise<void>;
}

class Listeners {
  private readonly listeners = new Set<ChangeListener>();
  add(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(change: Change): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // one listener's failure must not stop the others
      }
    }
  }
}

/** The bus of a single process (SQLite). */
export function createLocalBus(): ChangeBus {
  const listeners = new Listeners();
  return {
    publish: async (change) => listeners.emit(change),
    subscribe: (listener) => listeners.add(listener),
    close: async () => {},
  };
}

const CHANNEL = "flagsync_changes";

/**
 * The bus across replicas on one PostgreSQL: local listeners hear a change at once, and other
 * processes through LISTEN/NOTIFY on a dedicated connection. Each process skips its own notices.
 * If the listening connection drops, it reconnects and tells listeners to reload everything.
 */
export async function createPostgresBus(pool: pg.Pool): Promise<ChangeBus> {
  const origin = randomUUID();
  const listeners = new Listeners();
  let closed = false;
  let client: pg.PoolClient | undefined;

  const connect = async (): Promise<void> => {
    const next = await pool.connect();
    next.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const { from, change } = JSON.parse(message.payload) as { from: string; change: Change };
        if (from !== origin) listeners.emit(change);
      } catch {
        // a malformed notice is ignored
      }
    });
    next.on("error", () => {
      // After close() released it, the connection belongs to the pool, which handles its errors.
      if (client !== next) return;
      client = undefined;
      next.release(true);
      if (!closed) void reconnect();
    });
    client = next;
    try {
      await next.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      if (client === next) {
        client = undefined;
        next.release(true);
      }
      throw error;
    }
  };
  const reconnect = async (): Promise<void> => {
    for (let attempt = 0; !closed; attempt++) {
      try {
        await connect();
        // Changes may have been missed while disconnected: everything is suspect.
        listeners.emit({ type: "keys" });
        listeners.emit({ type: "environments" });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
      }
    }
  };
  await connect();

  const unsent: string[] = [];
  let sending = false;
  const sendUnsent = async (): Promise<void> => {
    if (sending) return;
    sending = true;
    for (let attempt = 0; unsent.length > 0 && !closed; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** attempt)));
      try {
        while (unsent.length > 0 && !closed) {
          await pool.query("select pg_notify($1, $2)", [CHANNEL, unsent[0]]);
          unsent.shift();
        }
      } catch {
        // still unavailable: wait longer
      }
    }
    sending = false;
  };

  return {
    async publish(change) {
      listeners.emit(change);
      let payload = JSON.stringify({ from: origin, change });
      // NOTIFY payloads are limited to 8000 bytes; a long key list becomes "everything".
      if (payload.length > 7000 && change.type === "flags") {
        payload = JSON.stringify({ from: origin, change: { ...change, flagKeys: [] } });
      }
      try {
        await pool.query("select pg_notify($1, $2)", [CHANNEL, payload]);
      } catch {
        // The change is committed: the request that made it succeeded. Its notice goes out
        // as soon as the database answers again (replicas that lost their own connection
        // meanwhile reload everything when they reconnect anyway).
        unsent.push(payload);
        void sendUnsent();
      }
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      closed = true;
      if (client) {
        const c = client;
        client = undefined;
        const failed = await c.query(`UNLISTEN ${CHANNEL}`).then(
          () => undefined,
          (error: Error) => error,
        );
        // A connection that failed is destroyed rather than reused.
        c.release(failed);
      }
    },
  };
}
