// Tags on flags through the admin API, on both databases: set at creation, changed later,
// repeats kept once, the list filtered by a tag, bad tags refused by field, changes audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const FLAGS = "/api/v1/workspaces/default/flags";

describe.each(DIALECTS)("flag tags on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const [key, tags] of [
      ["checkout-v2", ["team:payments", "release/2026-12", "team:payments"]],
      ["new-nav", ["team:web"]],
      ["dark-mode", []],
      ["checkout-copy", ["team:payments"]],
    ] as const) {
      const response = await server.admin("POST", FLAGS, { key, type: "boolean", tags });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("keeps each tag once, in the order given", async () => {
    const flag = (await server.admin("GET", `${FLAGS}/checkout-v2`)).body;
    expect(flag.tags).toEqual(["team:payments", "release/2026-12"]);
    expect((await server.admin("GET", `${FLAGS}/dark-mode`)).body.tags).toEqual([]);
  });

  it("lists the flags carrying a tag, and only a whole tag matches", async () => {
    const keys = async (query: string) =>
      (await server.admin("GET", `${FLAGS}?${query}`)).body.flags.map(
        (f: { key: string }) => f.key,
      );
    expect(await keys("tag=team:payments")).toEqual(["checkout-copy", "checkout-v2"]);
    expect(await keys("tag=team:web")).toEqual(["new-nav"]);
    expect(await keys("tag=team")).toEqual([]);
    expect(await keys("tag=team:payments&search=copy")).toEqual(["checkout-copy"]);
  });

  it("changes tags with the flag's other fields, audited", async () => {
    const response = await server.admin("PATCH", `${FLAGS}/new-nav`, {
      tags: ["team:web", "experiment"],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.tags).toEqual(["team:web", "experiment"]);
    const audit = (await server.admin("GET", `${FLAGS}/new-nav/audit`)).body.entries;
    expect(audit[0]).toMatchObject({
      action: "flag.updated",
      before: { tags: ["team:web"] },
      after: { tags: ["team:web", "experiment"] },
    });
  });

  it("refuses a bad tag, naming it, and changes nothing", async () => {
    const bad = await server.admin("PATCH", `${FLAGS}/new-nav`, { tags: ["ok", "no spaces"] });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      {
        field: "body.tags[1]",
        message: expect.stringContaining("must start with a letter or digit"),
      },
    ]);
    const tooMany = await server.admin("POST", FLAGS, {
      key: "too-many",
      type: "boolean",
      tags: Array.from({ length: 21 }, (_, i) => `t${i}`),
    });
    expect(tooMany.status).toBe(400);
    expect((await server.admin("GET", `${FLAGS}/new-nav`)).body.tags).toEqual([
      "team:web",
      "experiment",
    ]);
  });
});
