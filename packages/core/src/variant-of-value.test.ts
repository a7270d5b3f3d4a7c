import { describe, expect, it } from "vitest";
import { canonicalJson, variantLookup } from "./variant-of-value.js";

describe("variantLookup", () => {
  const lookup = variantLookup([
    { id: 1, key: "register", value: "Register" },
    { id: 2, key: "join", value: "Join Now" },
    { id: 3, key: "sign-up", value: "Sign Up" },
    { id: 4, key: "also-sign-up", value: "Sign Up" },
    { id: 5, key: "json", value: { a: 1, b: [true, null] } },
    { id: 6, key: "control", value: "control" },
  ]);

  it("finds the variant serving a value, JSON by content", () => {
    expect(lookup("Register")).toBe(1);
    expect(lookup("Join Now")).toBe(2);
    expect(lookup({ b: [true, null], a: 1 })).toBe(5);
  });

  it("never guesses: no match and several matches are unknown", () => {
    expect(lookup("Sign in")).toBeUndefined();
    expect(lookup("Sign Up")).toBeUndefined();
    expect(lookup(1)).toBeUndefined();
    expect(lookup(undefined)).toBeUndefined();
  });

  it("maps the value 'control' to the one variant that has it, else to unknown", () => {
    expect(lookup("control")).toBe(6);
    const withoutControl = variantLookup([{ id: 1, key: "on", value: "On" }]);
    expect(withoutControl("control")).toBeUndefined();
    const twice = variantLookup([
      { id: 1, key: "a", value: "control" },
      { id: 2, key: "b", value: "control" },
    ]);
    expect(twice("control")).toBeUndefined();
  });

  it("does not confuse types", () => {
    const numbers = variantLookup([
      { id: 1, key: "one", value: 1 },
      { id: 2, key: "yes", value: true },
    ]);
    expect(numbers(1)).toBe(1);
    expect(numbers("1")).toBeUndefined();
    expect(numbers(true)).toBe(2);
    expect(numbers("true")).toBeUndefined();
  });

  it("writes canonical JSON", () => {
    expect(canonicalJson({ b: 1, a: [true, { d: 2, c: 3 }] })).toBe(
      '{"a":[true,{"c":3,"d":2}],"b":1}',
    );
  });
});
