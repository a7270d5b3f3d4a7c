import { it } from "vitest";
import { startTestServer } from "../test/support/test-server.js";

it("x", async () => {
  const s = await startTestServer("sqlite");
  console.log(s.url, s.keys);
  const r1 = await s.admin("POST", "/api/v1/workspaces/default/flags", {
    key: "f1",
    type: "string",
    variants: [
      { key: "A", value: "a" },
      { key: "B", value: "b" },
      { key: "C", value: "c" },
    ],
  });
  console.log(JSON.stringify(r1, null, 1));
  const r2 = await s.admin(
    "PATCH",
    "/api/v1/workspaces/default/flags/f1/environments/development",
    {
      enabled: true,
      onVariant: "A",
      offVariant: "C",
      rules: [
        { variant: "B", clauses: [{ attribute: "EMAIL", operator: "EW", values: ["@corp.com"] }] },
      ],
      rollout: [
        { variant: "A", percentage: 50 },
        { variant: "B", percentage: 50 },
      ],
      seed: "s1",
    },
  );
  console.log(JSON.stringify(r2, null, 1));
  const rules = await fetch(`${s.url}/sdk/rules`, {
    headers: { "x-ridgeline-key": s.keys.development!.server },
  });
  console.log(rules.status, await rules.text());
  for (const [m, p, h, b] of [
    ["GET", "/sdk/connect", {}, undefined],
    ["GET", "/sdk/connect", { "x-ridgeline-key": s.keys.development!.server }, undefined],
    [
      "POST",
      "/sdk/flags",
      { "x-ridgeline-key": s.keys.development!.client, "content-type": "application/json" },
      '{"context":{"key":"u","attributes":' + "[".repeat(200000) + "]".repeat(200000) + "}}",
    ],
    [
      "POST",
      "/sdk/flags",
      { "x-ridgeline-key": s.keys.development!.client, "content-type": "application/json" },
      '{"context":{"key":"u","attributes":{"a":' + "[".repeat(200000) + "]".repeat(200000) + "}}}",
    ],
    [
      "POST",
      "/sdk/flags",
      { "x-ridgeline-key": s.keys.development!.client, "content-type": "application/json" },
      '{"__proto__":{"a":' + "[".repeat(200000) + "]".repeat(200000) + "}}",
    ],
    [
      "POST",
      "/api/v1/workspaces",
      {
        authorization: "Bearer fs_admin_test-token-0123456789abcdef",
        "content-type": "application/json",
      },
      '{"a":' + "[".repeat(200000) + "]".repeat(200000) + "}",
    ],
    [
      "POST",
      "/sdk/flags",
      { "x-ridgeline-key": s.keys.development!.client, "content-type": "application/json" },
      "x".repeat(2_000_000),
    ],
    ["DELETE", "/healthz", {}, undefined],
    ["PUT", "/api/v1/workspaces", {}, undefined],
  ] as const) {
    const r = await fetch(`${s.url}${p}`, {
      method: m,
      headers: h as Record<string, string>,
      body: b,
    });
    console.log(m, p, r.status, r.headers.get("content-type"), (await r.text()).slice(0, 300));
  }
  await s.stop();
});
