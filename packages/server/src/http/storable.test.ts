import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { storableJson, unstorableField } from "./storable.js";

/** Strings rich in what matters here: NUL, backslashes, quotes, lone and paired surrogates. */
const tricky = fc
  .array(
    fc.constantFrom(
      "a",
      "\\",
      '"',
      "u",
      "d",
      "8",
      "0",
      "\u0000",
      "\uD800",
      "\uDC00",
      "\uD83D\uDE00",
      "\n",
      "\\u0000",
      "\\ud800",
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    tricky,
    fc.integer(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(tricky, tie("value"), { maxKeys: 3 }),
  ),
})).value;

describe("storableJson", () => {
  it("agrees with walking the value, on strings full of escapes and surrogates", () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(storableJson(JSON.stringify(value))).toBe(unstorableField(value) === undefined);
      }),
      { numRuns: 5_000 },
    );
  });

  it("refuses NUL and lone surrogates, keeps escaped look-alikes and pairs", () => {
    expect(storableJson(JSON.stringify({ a: "x\u0000" }))).toBe(false);
    expect(storableJson(JSON.stringify({ "\uDBFF": 1 }))).toBe(false);
    expect(storableJson(JSON.stringify(["\\\uDC00"]))).toBe(false);
    expect(storableJson(JSON.stringify({ a: "\\u0000 and \\ud800" }))).toBe(true);
    expect(storableJson(JSON.stringify({ a: "\uD83D\uDE00" }))).toBe(true);
  });
});
