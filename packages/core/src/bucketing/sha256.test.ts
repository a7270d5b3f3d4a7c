import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import bucketing from "../../../../fixtures/evaluation/01-bucketing.json" with { type: "json" };
import { sha256Hex, sha256Prefix48, sha256Prefix48Of2 } from "./sha256.js";

const nodeHex = (text: string): string => createHash("sha256").update(text).digest("hex");

describe("sha256", () => {
  it.each(bucketing.sha256.filter((v) => v.hex))(
    "digests $input like FIPS 180-4",
    ({ input, hex }) => {
      expect(sha256Hex(input)).toBe(hex);
    },
  );

  it("reads the 48-bit prefix of the worked example", () => {
    const example = bucketing.sha256.find((v) => v.prefix48 !== undefined);
    expect(sha256Prefix48(example?.input ?? "")).toBe(example?.prefix48);
    expect(sha256Hex(example?.input ?? "").slice(0, 12)).toBe(example?.hexPrefix);
  });

  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 70_000])(
    "matches node:crypto across block boundaries (%i bytes)",
    (length) => {
      const text = "a".repeat(length);
      expect(sha256Hex(text)).toBe(nodeHex(text));
    },
  );

  it("matches node:crypto for any string, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeHex(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("hashes two parts exactly like their concatenation", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "binary" }), (a, b) => {
        expect(sha256Prefix48Of2(a, b)).toBe(Number.parseInt(nodeHex(a + b).slice(0, 12), 16));
      }),
      { numRuns: 2000 },
    );
    // A surrogate pair split across the two parts is one code point once joined.
    expect(sha256Prefix48Of2("x\ud83d", "\ude00y")).toBe(sha256Prefix48("x😀y"));
  });
});
