import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileClause } from "./clause.js";
import { compileLinearRegex } from "./linear-regex.js";
import {
  compileRegex,
  MAX_REGEX_INPUT_LENGTH,
  MAX_REGEX_PATTERN_LENGTH,
  regexHazard,
} from "./regex.js";

describe("regexHazard", () => {
  it.each([
    "^(a+)+$",
    "(a*)*b",
    "(x+x+)+y",
    "^(\\w+\\s?)*$",
    "(a|aa)+$",
    "(.*a){20}",
    "((ab)*)+",
    "(a)\\1",
    "(?<x>a)\\k<x>",
    "\\w+\\w+!",
  ])("flags %s as risky on the native engine", (pattern) => {
    expect(regexHazard(pattern)).toBeDefined();
  });

  it.each([
    "beta",
    "^user-\\d+$",
    "corp\\.com$",
    "(www\\.)?example\\.com",
    "^(foo|bar)-\\d{2,4}$",
    "[(+*]+",
    "a{2}",
    "\\(a+\\)",
  ])("lets %s run natively", (pattern) => {
    expect(regexHazard(pattern)).toBeUndefined();
    expect(compileRegex(pattern)).toMatchObject({ ok: true, engine: "native" });
  });
});

describe("compileRegex", () => {
  it("reports patterns that do not compile", () => {
    const result = compileRegex("(unclosed");
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.error).toMatch(/does not compile/);
  });

  it("refuses over-long patterns and risky ones the linear engine cannot run", () => {
    expect(compileRegex("a".repeat(MAX_REGEX_PATTERN_LENGTH + 1)).ok).toBe(false);
    expect(compileRegex("(a+)+\\1").ok).toBe(false);
    expect(compileRegex("(?=a+)+a*b*").ok).toBe(false);
  });

  it.each([
    "^(a+)+$",
    "\\w+\\w+\\w+!",
    "^.*.*.*x$",
    "(a|aa)+$",
    "^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$",
  ])("runs %s on the linear engine in bounded time on the longest input", (pattern) => {
    const compiled = compileRegex(pattern);
    expect(compiled).toMatchObject({ ok: true, engine: "linear" });
    const match = compileClause({ attribute: "KEY", operator: "MR", values: [pattern] });
    for (const input of [
      "a".repeat(MAX_REGEX_INPUT_LENGTH),
      `${"a".repeat(MAX_REGEX_INPUT_LENGTH - 1)}!`,
    ]) {
      const started = performance.now();
      match({ key: input });
      expect(performance.now() - started).toBeLessThan(250);
    }
  });

  it("keeps the native engine's worst case small on the longest input", () => {
    for (const pattern of ["a+b", "^.*x$", "(ab|a)+?c", "\\d+\\.\\d{1,3}$"]) {
      const match = compileClause({ attribute: "KEY", operator: "MR", values: [pattern] });
      const started = performance.now();
      match({ key: "a".repeat(MAX_REGEX_INPUT_LENGTH) });
      expect(performance.now() - started, pattern).toBeLessThan(250);
    }
  });

  it("does not run a regex over inputs longer than the limit", () => {
    const match = compileClause({ attribute: "KEY", operator: "MR", values: ["a"] });
    expect(match({ key: "a".repeat(MAX_REGEX_INPUT_LENGTH) })).toBe(true);
    expect(match({ key: "a".repeat(MAX_REGEX_INPUT_LENGTH + 1) })).toBe(false);
  });
});

// Patterns of the regular subset, built from pieces, compared with V8 on short inputs (where
// backtracking stays cheap) so the linear engine answers exactly like RegExp.prototype.test.
const atom = fc.oneof(
  fc.constantFrom(
    "a",
    "b",
    "c",
    ".",
    "\\d",
    "\\w",
    "\\s",
    "\\W",
    "[ab]",
    "[^a]",
    "[a-c0-2]",
    "\\.",
    "-",
    "[\\d_]",
    "\\x61",
    "\\u0062",
    "[]",
    "[^]",
    "\\n",
  ),
  fc.constantFrom("^", "$", "\\b", "\\B"),
);
const quantifier = fc.constantFrom("", "", "*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "+?");
const piece = fc.tuple(atom, quantifier).map(([a, q]) => (/^[\^$]|^\\[bB]$/.test(a) ? a : a + q));
const sequence = fc.array(piece, { minLength: 0, maxLength: 5 }).map((p) => p.join(""));
const pattern: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    sequence,
    fc
      .tuple(sequence, tie("expr"), quantifier, sequence)
      .map(([a, e, q, b]) => `${a}(${e})${q}${b}`),
    fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => `${a}|${b}`),
    fc.tuple(sequence, tie("expr")).map(([a, e]) => `${a}(?:${e})*`),
  ),
})).expr;
const input = fc.string({
  unit: fc.constantFrom("a", "b", "c", "1", "_", " ", "\n", "-", "."),
  maxLength: 12,
});

describe("compileLinearRegex", () => {
  it("answers exactly like RegExp.prototype.test", () => {
    let compared = 0;
    fc.assert(
      fc.property(pattern, fc.array(input, { minLength: 1, maxLength: 8 }), (source, texts) => {
        let native: RegExp;
        try {
          native = new RegExp(source);
        } catch {
          return; // not a pattern JavaScript accepts
        }
        const linear = compileLinearRegex(source);
        expect(linear.ok, source).toBe(true);
        if (!linear.ok) return;
        for (const text of texts) {
          expect(linear.test(text), `${source} on ${JSON.stringify(text)}`).toBe(native.test(text));
          compared++;
        }
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(5000);
  });

  it("supports the rest of the escape syntax", () => {
    for (const [source, text, expected] of [
      ["\\t\\v\\f\\r", "\t\v\f\r", true],
      ["\\cJ", "\n", true],
      ["\\0", "\0", true],
      ["a{,2}", "a{,2}", true],
      ["\\u{2}", "uu", true],
      ["[\\b]", "\b", true],
      ["[a\\-z]", "-", true],
      ["[\\w-]", "-", true],
      ["(?<name>ab)+", "abab", true],
      ["x]", "x]", true],
    ] as const) {
      const linear = compileLinearRegex(source);
      expect(linear.ok && linear.test(text), source).toBe(expected);
      expect(new RegExp(source).test(text), source).toBe(expected);
    }
  });
});
