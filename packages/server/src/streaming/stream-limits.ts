/**
 * Caps on open SDK streams per client address and per SDK key, so that one client (or one
 * leaked key) cannot hold every connection the server has. Counts live in memory: each server
 * process caps its own streams.
 */
export class StreamLimits {
  private readonly byAddress = new Map<string, number>();
  private readonly byKey = new Map<number, number>();

  constructor(
    private readonly perAddress: number,
    private readonly perKey: number,
  ) {}

  /**
   * Takes a stream slot for an address and a key: returns the function that gives it back
   * (once, whatever calls it), or why the stream is refused.
   */
  open(address: string, keyId: number): { release: () => void } | { refused: string } {
    const fromAddress = this.byAddress.get(address) ?? 0;
    if (fromAddress >= this.perAddress)
      return { refused: `This address holds ${this.perAddress} open streams already` };
    const ofKey = this.byKey.get(keyId) ?? 0;
    if (ofKey >= this.perKey)
      return { refused: `This SDK key holds ${this.perKey} open streams already` };
    this.byAddress.set(address, fromAddress + 1);
    this.byKey.set(keyId, ofKey + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        decrement(this.byAddress, address);
        decrement(this.byKey, keyId);
      },
    };
  }
}

function decrement<K>(counts: Map<K, number>, key: K): void {
  const n = (counts.get(key) ?? 1) - 1;
  if (n <= 0) counts.delete(key);
  else counts.set(key, n);
}
