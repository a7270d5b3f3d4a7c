/**
 * Token buckets per key (a client address, an SDK key): each key may spend `burst` tokens at
 * once and gets `perSecond` back every second. At most `maxKeys` keys are tracked; the one
 * used least recently goes first, which costs it nothing but a full bucket again.
 */
export class TokenBuckets {
  /** Key → tokens left and when they were counted; least recently used first. */
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the limit is off (a rate of 0). */
  private get isOff(): boolean {
    return this.perSecond <= 0;
  }

  /** Seconds until `key` has a token; 0 when it has one now. Takes nothing. */
  waitFor(key: string): number {
    if (this.isOff) return 0;
    const bucket = this.buckets.get(key);
    return bucket ? this.wait(this.refilled(bucket)) : 0;
  }

  /** Takes a token of `key`: 0 when there was one, else the seconds until there is one. */
  take(key: string): number {
    if (this.isOff) return 0;
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key);
      bucket.tokens = this.refilled(bucket);
    } else {
      if (this.buckets.size >= this.maxKeys)
        this.buckets.delete(this.buckets.keys().next().value as string);
      bucket = { tokens: this.burst, at: this.now() };
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return this.wait(bucket.tokens);
    bucket.tokens -= 1;
    return 0;
  }

  private refilled(bucket: { tokens: number; at: number }): number {
    const now = this.now();
    const tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond,
    );
    bucket.at = now;
    return tokens;
  }

  private wait(tokens: number): number {
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }
}
