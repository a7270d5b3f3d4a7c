// The dashboard's API types are generated from the server's OpenAPI document; this keeps the
// committed file in step with the server, so the UI cannot drift from the API unnoticed.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { fetchOpenApi, renderSchema } from "../scripts/openapi.mjs";

it("src/api/schema.d.ts matches the server's OpenAPI document (npm run api-types regenerates it)", async () => {
  const committed = readFileSync(new URL("../src/api/schema.d.ts", import.meta.url), "utf8");
  expect(await renderSchema(await fetchOpenApi())).toBe(committed);
});
