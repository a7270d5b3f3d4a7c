// Writes src/api/schema.d.ts, the admin API's types, from the OpenAPI document of a server
// started for the purpose (over HTTP, like the dashboard itself). Run after changing the API:
//   npm run api-types -w @flagsync-oss/dashboard
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fetchOpenApi, renderSchema } from "./openapi.mjs";

const target = fileURLToPath(new URL("../src/api/schema.d.ts", import.meta.url));
writeFileSync(target, await renderSchema(await fetchOpenApi()));
console.log(`wrote ${target}`);
