/** One served variant, as SDKs report it. */
export interface Impression {
  flagKey: string;
  variantId: number | undefined;
  userKey: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

/**
 * A bounded in-memory queue of impressions, stored column by column so recording one costs a
 * few array writes and no object; objects are built only when the queue is drained for sending.
 * When full, the oldest impressions are dropped (and counted), never the host app's time.
 *
 * @example
 * const queue = new ImpressionQueue(10_000);
 * queue.push(flag.key, result.variantId, user.key, Date.now());
 * send(queue.drain());
 */
export class ImpressionQueue {
  private flagKeys: string[] = [];
  private variantIds: (number | undefined)[] = [];
  private userKeys: string[] = [];
  private timestamps: number[] = [];
  private dropped = 0;

  constructor(private readonly capacity = 100_000) {}

  get length(): number {
    return this.flagKeys.length;
  }

  /** Impressions dropped because the queue was full, since it was created. */
  get droppedCount(): number {
    return this.dropped;
  }

  push(flagKey: string, variantId: number | undefined, userKey: string, timestamp: number): void {
    if (this.flagKeys.length >= this.capacity) {
      // Drop the oldest half at once, so a long outage costs one copy, not one per impression.
      const keep = this.capacity >> 1;
      this.dropped += this.flagKeys.length - keep;
      this.flagKeys = this.flagKeys.slice(-keep);
      this.variantIds = this.variantIds.slice(-keep);
      this.userKeys = this.userKeys.slice(-keep);
      this.timestamps = this.timestamps.slice(-keep);
    }
    this.flagKeys.push(flagKey);
    this.variantIds.push(variantId);
    this.userKeys.push(userKey);
    this.timestamps.push(timestamp);
  }

  /** Removes and returns every queued impression, oldest first. */
  drain(): Impression[] {
    const out: Impression[] = new Array(this.flagKeys.length);
    for (let i = 0; i < out.length; i++) {
      out[i] = {
        flagKey: this.flagKeys[i] as string,
        variantId: this.variantIds[i],
        userKey: this.userKeys[i] as string,
        timestamp: this.timestamps[i] as number,
      };
    }
    this.flagKeys = [];
    this.variantIds = [];
    this.userKeys = [];
    this.timestamps = [];
    return out;
  }
}
