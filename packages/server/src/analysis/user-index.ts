/**
 * The users of an analysis' rows, each an integer from 0 in order of first sight, shared by its
 * fold and its exposures: the per-user work indexes arrays instead of looking keys up.
 */
export class UserIndex {
  private readonly index = new Map<string, number>();
  readonly keys: string[] = [];

  /** The user's number, given one when new. */
  of(key: string): number {
    let u = this.index.get(key);
    if (u === undefined) {
      u = this.keys.length;
      this.index.set(key, u);
      this.keys.push(key);
    }
    return u;
  }

  get size(): number {
    return this.keys.length;
  }
}
