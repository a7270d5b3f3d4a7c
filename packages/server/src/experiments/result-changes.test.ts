// What a new result tells that the one before did not: a sample ratio mismatch that appears
// (not one that stays), and each metric's verdict that changes (webhook events).
import { describe, expect, it } from "vitest";
import { resultChanges } from "./experiment-service.js";
import type { ExperimentResult } from "./results.js";

const result = (mismatch: boolean, verdicts: Record<string, string>) =>
  ({
    srm: { mismatch, pValue: mismatch ? 0.0001 : 0.4, observed: { a: 10 }, expected: { a: 0.5 } },
    metrics: Object.entries(verdicts).map(([metric, verdict]) => ({
      metric,
      variants: [
        { variant: "control", baseline: true },
        { variant: "treatment", baseline: false, comparison: { verdict } },
      ],
    })),
  }) as unknown as ExperimentResult;

describe("result changes", () => {
  it("tells a new mismatch once, and each verdict that changed", () => {
    const before = result(false, { orders: "inconclusive", revenue: "winning" });
    const after = result(true, { orders: "winning", revenue: "winning" });
    expect(resultChanges(before, after)).toEqual([
      {
        event: "experiment.srm_detected",
        before: { pValue: 0.4 },
        after: { pValue: 0.0001, observed: { a: 10 }, expected: { a: 0.5 } },
      },
      {
        event: "metric.verdict_changed",
        before: { metric: "orders", variant: "treatment", verdict: "inconclusive" },
        after: { metric: "orders", variant: "treatment", verdict: "winning" },
      },
    ]);
    // A mismatch that stays and verdicts that stay tell nothing.
    expect(resultChanges(after, after)).toEqual([]);
  });
});
