import { describe, expect, it } from "vitest";
import { validationMessage } from "./validation-messages.js";

const error = (keyword: string, params: Record<string, unknown>) => ({
  instancePath: "/key",
  keyword,
  params,
  message: "ajv's own words",
});

describe("validationMessage", () => {
  it.each([
    [
      "pattern",
      { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
      "must start with a letter or digit and contain only letters, digits, '.', '_' and '-' (no spaces)",
    ],
    ["pattern", { pattern: "^x+$" }, "is not in the expected format"],
    ["minLength", { limit: 1 }, "must not be empty"],
    ["minLength", { limit: 32 }, "must be at least 32 characters long"],
    ["maxLength", { limit: 64 }, "must be at most 64 characters long"],
    ["enum", { allowedValues: ["boolean", "string"] }, 'must be one of "boolean", "string"'],
    ["type", { type: "integer" }, "must be a whole number"],
    ["type", { type: "string,null" }, "must be text or null"],
    ["required", { missingProperty: "key" }, "is required"],
    ["additionalProperties", { additionalProperty: "x" }, "is not a known field"],
    ["uniqueItems", {}, "ajv's own words"],
  ])("%s %j: %s", (keyword, params, expected) => {
    expect(validationMessage(error(keyword, params))).toBe(expected);
  });
});
