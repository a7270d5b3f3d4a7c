import type { EvaluationContext, FeatureFlagEnvironmentDetailDto } from "@flagsync-oss/core";
import type { ServerMetrics } from "../ops/metrics.js";
import { evaluateAllJson, type FlagSnapshots, type Snapshot } from "../sdk-api/flag-snapshots.js";
import type { ChangeBus } from "./change-bus.js";

/** Transports a stream can use; each frames the same JSON differently. */
export type Transport = "sse" | "ws";

/** One connected SDK stream. */
export interface StreamConnection {
  transport: Transport;
  /** The SDK key the stream was opened with; a revoked key's streams are closed. */
  keyId: number;
  /** Writes a frame (pre-encoded once for every connection); false when it should be dropped. */
  write(frame: Buffer): boolean;
  /** Bytes written but not yet sent: a slow consumer keeps growing it. */
  buffered(): number;
  heartbeat(): void;
  close(): void;
}

/** A connection whose unsent output exceeds this is dropped, so it never slows the others. */
const MAX_BUFFERED_BYTES = 4 * 1_048_576;

/** Frames a JSON flag map for a transport, as the SDKs expect it. */
export function frame(transport: Transport, flagsJson: string): Buffer {
  return Buffer.from(
    transport === "sse" ? `data: ${flagsJson}\n\n` : `{"type":"flagUpdate","flags":${flagsJson}}`,
  );
}

interface ClientGroup {
  context: EvaluationContext;
  /** Our SDK's form (each flag with its variant and reason) rather than values. */
  details: boolean;
  connections: Set<StreamConnection>;
}

interface EnvironmentStreams {
  servers: Set<StreamConnection>;
  /** Client connections grouped by identical context, evaluated once per group. */
  clients: Map<string, ClientGroup>;
}

/**
 * Keeps the SDK streams of every environment and pushes flag changes to them: each payload is
 * serialised once per environment (server streams) or once per distinct user (client streams).
 */
export class StreamHub {
  private readonly environments = new Map<number, EnvironmentStreams>();
  /** Pushes of one environment run one after another, so streams never see an older state last. */
  private readonly queues = new Map<number, Promise<void>>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  /** How often every stream gets a heartbeat (ms). */
  readonly heartbeatMs: number;

  constructor(
    private readonly snapshots: FlagSnapshots,
    bus: ChangeBus,
    private readonly metrics: ServerMetrics,
    heartbeatSeconds: number,
    /** Which of the given SDK key ids still work. */
    private readonly activeKeys: (keyIds: number[]) => Promise<Set<number>> = async (ids) =>
      new Set(ids),
  ) {
    this.unsubscribe = bus.subscribe((change) => {
      if (change.type === "flags") {
        for (const id of change.environmentIds) void this.enqueue(id, change.flagKeys);
      } else if (change.type === "keys") {
        void this.closeRevoked();
      } else if (change.type === "environments") {
        this.snapshots.clear();
        for (const id of this.environments.keys()) void this.enqueue(id, []);
      }
    });
    this.heartbeatMs = heartbeatSeconds * 1000;
    this.timer = setInterval(() => this.heartbeat(), this.heartbeatMs);
    this.timer.unref();
  }

  private streamsOf(environmentId: number): EnvironmentStreams {
    let streams = this.environments.get(environmentId);
    if (!streams) {
      streams = { servers: new Set(), clients: new Map() };
      this.environments.set(environmentId, streams);
    }
    return streams;
  }

  /**
   * Loads an environment's flags ahead of a stream, so that a stream is answered 200 only when
   * it can be served, and a database that is unavailable is answered 503 instead.
   */
  async prepare(environmentId: number): Promise<void> {
    await this.snapshots.get(environmentId);
  }

  /** Registers a server-SDK stream and sends it every flag (the SDKs re-fetch nothing on reconnect). */
  async addServer(environmentId: number, connection: StreamConnection): Promise<() => void> {
    const snapshot = await this.snapshots.get(environmentId);
    const streams = this.streamsOf(environmentId);
    streams.servers.add(connection);
    this.metrics.streams.inc({ transport: connection.transport, kind: "server" });
    connection.write(
      frame(connection.transport, JSON.stringify(Object.fromEntries(snapshot.details))),
    );
    return () => {
      if (streams.servers.delete(connection))
        this.metrics.streams.dec({ transport: connection.transport, kind: "server" });
    };
  }

  /**
   * Registers a client-SDK stream for one user and sends it every flag evaluated for that user
   * (`details`: with variants and reasons, our SDK's form).
   */
  async addClient(
    environmentId: number,
    context: EvaluationContext,
    connection: StreamConnection,
    details = false,
  ): Promise<() => void> {
    const snapshot = await this.snapshots.get(environmentId);
    const streams = this.streamsOf(environmentId);
    const groupKey = `${details ? "d" : "v"}${JSON.stringify(context)}`;
    let group = streams.clients.get(groupKey);
    if (!group) {
      group = { context, details, connections: new Set() };
      streams.clients.set(groupKey, group);
    }
    group.connections.add(connection);
    this.metrics.streams.inc({ transport: connection.transport, kind: "client" });
    connection.write(frame(connection.transport, this.evaluate(snapshot, group, undefined)));
    const owner = group;
    return () => {
      if (owner.connections.delete(connection))
        this.metrics.streams.dec({ transport: connection.transport, kind: "client" });
      if (owner.connections.size === 0 && streams.clients.get(groupKey) === owner)
        streams.clients.delete(groupKey);
    };
  }

  /** How many streams are connected, by kind. */
  counts(): { servers: number; clients: number } {
    let servers = 0;
    let clients = 0;
    for (const streams of this.environments.values()) {
      servers += streams.servers.size;
      for (const group of streams.clients.values()) clients += group.connections.size;
    }
    return { servers, clients };
  }

  private enqueue(environmentId: number, flagKeys: readonly string[]): Promise<void> {
    const previous = this.queues.get(environmentId) ?? Promise.resolve();
    const next = previous
      .then(() => this.push(environmentId, flagKeys))
      .catch(() => {
        // A failed rebuild (database briefly unreachable) leaves the snapshot to the next change.
      });
    this.queues.set(environmentId, next);
    void next.then(() => {
      if (this.queues.get(environmentId) === next) this.queues.delete(environmentId);
    });
    return next;
  }

  /** Rebuilds an environment's snapshot and sends the changed flags (empty list: all) to its streams. */
  private async push(environmentId: number, flagKeys: readonly string[]): Promise<void> {
    const streams = this.environments.get(environmentId);
    if (!streams || (streams.servers.size === 0 && streams.clients.size === 0)) {
      // Nobody to tell: the next request builds the snapshot (a bulk change by the admin API
      // would otherwise rebuild the whole environment once per flag).
      this.snapshots.drop(environmentId);
      return;
    }
    const { before, after } = await this.snapshots.changed(environmentId);
    const changed = this.changedDetails(before, after, flagKeys);
    if (changed.size === 0) return;

    if (streams.servers.size > 0) {
      const json = JSON.stringify(Object.fromEntries(changed));
      const frames = { sse: frame("sse", json), ws: frame("ws", json) };
      this.broadcast(streams.servers, frames);
    }
    if (streams.clients.size > 0) {
      const removed = new Map<string, FeatureFlagEnvironmentDetailDto>();
      for (const [key, detail] of changed) if (!after.details.has(key)) removed.set(key, detail);
      for (const group of streams.clients.values()) {
        const json = this.evaluate(after, group, changed.keys(), removed);
        this.broadcast(group.connections, { sse: frame("sse", json), ws: frame("ws", json) });
      }
    }
  }

  /**
   * The wire form of each changed flag. A flag that disappeared (archived or deleted) is sent
   * disabled, since SDKs only merge and cannot drop a flag (protocol §6.1).
   */
  private changedDetails(
    before: Snapshot | undefined,
    after: Snapshot,
    flagKeys: readonly string[],
  ): Map<string, FeatureFlagEnvironmentDetailDto> {
    const keys =
      flagKeys.length > 0
        ? flagKeys
        : [...new Set([...after.details.keys(), ...(before?.details.keys() ?? [])])];
    const changed = new Map<string, FeatureFlagEnvironmentDetailDto>();
    for (const key of keys) {
      const detail = after.details.get(key);
      if (detail) changed.set(key, detail);
      else {
        const gone = before?.details.get(key);
        if (gone) changed.set(key, { ...gone, state: { ...gone.state, isEnabled: false } });
      }
    }
    return changed;
  }

  private evaluate(
    snapshot: Snapshot,
    group: Pick<ClientGroup, "context" | "details">,
    keys?: Iterable<string>,
    removed?: Map<string, FeatureFlagEnvironmentDetailDto>,
  ): string {
    return evaluateAllJson(snapshot, group.context, {
      keys,
      removed,
      onEvaluated: this.metrics.countEvaluations,
      details: group.details,
    });
  }

  private broadcast(connections: Set<StreamConnection>, frames: Record<Transport, Buffer>): void {
    for (const connection of connections) {
      if (
        connection.buffered() > MAX_BUFFERED_BYTES ||
        !connection.write(frames[connection.transport])
      )
        connection.close();
    }
  }

  private all(): StreamConnection[] {
    const connections: StreamConnection[] = [];
    for (const streams of this.environments.values()) {
      connections.push(...streams.servers);
      for (const group of streams.clients.values()) connections.push(...group.connections);
    }
    return connections;
  }

  /** Closes the streams of keys that no longer work (revoked, or past a rotation's grace period). */
  async closeRevoked(): Promise<void> {
    const connections = this.all();
    const ids = [...new Set(connections.map((c) => c.keyId))];
    let active: Set<number>;
    try {
      active = await this.activeKeys(ids);
    } catch {
      return; // the database is away; try again at the next heartbeat
    }
    for (const connection of connections) if (!active.has(connection.keyId)) connection.close();
  }

  private heartbeat(): void {
    void this.closeRevoked();
    for (const streams of this.environments.values()) {
      for (const connection of streams.servers) connection.heartbeat();
      for (const group of streams.clients.values())
        for (const connection of group.connections) connection.heartbeat();
    }
  }

  /** Closes every stream; WebSockets with 1012 (service restart) so SDKs reconnect. */
  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    for (const streams of this.environments.values()) {
      for (const connection of streams.servers) connection.close();
      for (const group of streams.clients.values())
        for (const connection of group.connections) connection.close();
    }
    this.environments.clear();
  }
}
