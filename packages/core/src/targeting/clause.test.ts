import { describe, expect, it } from "vitest";
import operators from "../../../../fixtures/evaluation/03-operators.json" with { type: "json" };
import { type Clause, type EvaluationContext, OPERATORS } from "../types.js";
import { compileClause } from "./clause.js";

describe("compileClause", () => {
  it.each(operators.cases)("$id → $expected", ({ clause, context, expected }) => {
    const match = compileClause(clause as Clause);
    expect(match(context as EvaluationContext)).toBe(expected);
  });

  it("covers every operator of the protocol", () => {
    const covered = new Set(operators.cases.map((c) => c.clause.operator));
    // The protocol's operator list is core's OPERATORS table.
    for (const op of Object.keys(OPERATORS)) {
      expect(covered.has(op), op).toBe(true);
    }
  });

  it("never throws, whatever the context holds", () => {
    const hostile: EvaluationContext[] = [
      { key: 42 as unknown as string },
      { key: "k", attributes: { a: { toString: "not callable" } } },
      { key: "k", attributes: { a: Symbol("s") as unknown } },
      { key: "k", attributes: "not an object" as unknown as Record<string, unknown> },
      { key: undefined as unknown as string },
    ];
    for (const operator of ["IOO", "SW", "DNEW", "MR", "GT", "SVGT"] as const) {
      for (const attribute of ["KEY", "CUSTOM"] as const) {
        const match = compileClause({ attribute, customAttribute: "a", operator, values: ["1"] });
        for (const context of hostile) expect(() => match(context)).not.toThrow();
      }
    }
  });
});
