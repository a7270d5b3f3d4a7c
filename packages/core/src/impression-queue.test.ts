import { describe, expect, it } from "vitest";
import { ImpressionQueue } from "./impression-queue.js";

describe("ImpressionQueue", () => {
  it("drains what was pushed, in order, and empties", () => {
    const queue = new ImpressionQueue();
    queue.push("a", 1, "u1", 10);
    queue.push("b", undefined, "u2", 11);
    expect(queue.length).toBe(2);
    expect(queue.drain()).toEqual([
      { flagKey: "a", variantId: 1, userKey: "u1", timestamp: 10 },
      { flagKey: "b", variantId: undefined, userKey: "u2", timestamp: 11 },
    ]);
    expect(queue.length).toBe(0);
    expect(queue.drain()).toEqual([]);
  });

  it("drops the oldest when full and counts them", () => {
    const queue = new ImpressionQueue(10);
    for (let i = 0; i < 25; i++) queue.push("f", i, "u", i);
    const drained = queue.drain();
    expect(drained.at(-1)?.variantId).toBe(24);
    expect(drained.length + queue.droppedCount).toBe(25);
    expect(drained.length).toBeLessThanOrEqual(10);
    expect(drained.map((d) => d.variantId)).toEqual(
      [...drained.map((d) => d.variantId)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
  });
});
