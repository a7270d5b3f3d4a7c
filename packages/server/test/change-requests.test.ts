// Approvals: in an environment that requires them, a change to a flag's state is a change
// request (the same body as a direct change) that others approve and someone applies, in one
// transaction with its audit entry; it then reaches SDK streams. An approval counts only for the
// proposal and version it was given for. Both databases; real server, real SSE client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { openSse } from "./support/sse-client.js";
import { ADMIN_TOKEN, startTestServer, type TestServer } from "./support/test-server.js";

const PASSWORD = "correct horse battery staple";
const WS = "/api/v1/workspaces/default";
const STATE = `${WS}/flags/checkout/environments/production`;

type Headers = Record<string, string>;

describe.each(DIALECTS)("change requests on %s", (dialect) => {
  let server: TestServer;
  const as: Record<string, Headers> = {};

  const call = async (method: string, path: string, headers: Headers, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...headers,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
  const instance = { authorization: `Bearer ${ADMIN_TOKEN}` };

  beforeAll(async () => {
    server = await startTestServer(dialect);
    for (const [name, role] of [
      ["ana", "editor"],
      ["ben", "editor"],
      ["val", "viewer"],
      ["ada", "admin"],
    ] as const) {
      const user = await call("POST", "/api/v1/users", instance, {
        email: `${name}@example.com`,
        password: PASSWORD,
      });
      expect(user.status).toBe(201);
      expect((await call("PUT", `${WS}/members/${user.body.id}`, instance, { role })).status).toBe(
        204,
      );
      const signedIn = await fetch(`${server.url}/api/v1/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `${name}@example.com`, password: PASSWORD }),
      });
      const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
      as[name] = {
        cookie: (signedIn.headers.get("set-cookie") ?? "").split(";")[0] as string,
        "x-csrf-token": csrfToken,
      };
    }
    expect(
      (await call("POST", `${WS}/flags`, as.ana as Headers, { key: "checkout", type: "boolean" }))
        .status,
    ).toBe(201);
    // Only an admin sets what an environment requires.
    const approvals = { approvals: { required: 1, approverRole: "editor" } };
    expect(
      (await call("PATCH", `${WS}/environments/production`, as.ana as Headers, approvals)).status,
    ).toBe(403);
    const set = await call("PATCH", `${WS}/environments/production`, as.ada as Headers, approvals);
    expect(set.status).toBe(200);
    expect(set.body.approvals).toEqual({ required: 1, approverRole: "editor" });
  });
  afterAll(() => server?.stop());

  it("refuses a direct change where approval is required, saying how to ask for one", async () => {
    const refused = await call("PATCH", STATE, as.ana as Headers, { enabled: true });
    expect(refused.status).toBe(409);
    expect(refused.body.errorCode).toBe("approval_required");
    expect(refused.body.message).toContain(
      "/flags/checkout/environments/production/change-requests",
    );
    // Development requires none: changes there apply at once.
    expect(
      (
        await call("PATCH", `${WS}/flags/checkout/environments/development`, as.ana as Headers, {
          enabled: true,
        })
      ).status,
    ).toBe(200);
  });

  it("applies a request approved by a second person, and SDK streams receive it", async () => {
    const key = await call("POST", `${WS}/environments/production/sdk-keys`, instance, {
      kind: "server",
    });
    const sse = await openSse(`${server.url}/sse/sdk-updates/server`, {
      "x-ridgeline-key": key.body.secret,
    });
    const snapshot = JSON.parse(await sse.message(1));
    expect(snapshot.checkout.state.isEnabled).toBe(false);

    const opened = await call("POST", `${STATE}/change-requests`, as.ana as Headers, {
      enabled: true,
      comment: "launch checkout",
    });
    expect(opened.status).toBe(201);
    const id = opened.body.id as number;
    expect(opened.body).toMatchObject({
      status: "open",
      author: "ana@example.com",
      comment: "launch checkout",
      before: { enabled: false },
      after: { enabled: true },
      approvals: { required: 1, approverRole: "editor", valid: 0 },
      stale: false,
    });
    const path = `${WS}/change-requests/${id}`;
    // Not yet approved: not applied.
    const early = await call("POST", `${path}/apply`, as.ana as Headers);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/needs 1 approval/);
    // Not by its author, not by a viewer.
    const self = await call("POST", `${path}/approve`, as.ana as Headers, {});
    expect(self.status).toBe(403);
    expect(self.body.message).toMatch(/own change request/);
    expect((await call("POST", `${path}/approve`, as.val as Headers, {})).status).toBe(403);
    // Ben approves; Ana applies.
    const approved = await call("POST", `${path}/approve`, as.ben as Headers, { comment: "ok" });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.approvals.valid).toBe(1);
    const started = Date.now();
    const applied = await call("POST", `${path}/apply`, as.ana as Headers);
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ status: "applied", closedBy: "ana@example.com" });
    const update = JSON.parse(await sse.message(2, 1000));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(update.checkout.state.isEnabled).toBe(true);
    sse.close();
    // The state, its audit entry and the request's status went together.
    const state = await call("GET", STATE, as.val as Headers);
    expect(state.body.enabled).toBe(true);
    expect(applied.body.appliedVersion).toBe(state.body.version);
    const audit = await call("GET", `${WS}/flags/checkout/audit`, as.val as Headers);
    const entry = audit.body.entries.find(
      (e: { action: string; environmentKey: string }) =>
        e.action === "flag.state.updated" && e.environmentKey === "production",
    );
    expect(entry.actor).toBe("ana@example.com");
    expect(entry.comment).toBe(
      `Change request #${id} by ana@example.com; approved by ben@example.com; launch checkout`,
    );
    // Applied once only.
    expect((await call("POST", `${path}/apply`, as.ana as Headers)).status).toBe(409);
  });

  it("voids approvals when the flag changed since, or the proposal was edited", async () => {
    const open = async (on: number) => {
      const opened = await call("POST", `${STATE}/change-requests`, as.ana as Headers, {
        rollout: [
          { variant: "on", percentage: on },
          { variant: "off", percentage: 100 - on },
        ],
      });
      expect(opened.status).toBe(201);
      const path = `${WS}/change-requests/${opened.body.id}`;
      expect((await call("POST", `${path}/approve`, as.ben as Headers)).status).toBe(200);
      return path;
    };
    // The flag changes meanwhile (the break-glass token may, audited as such).
    const first = await open(10);
    const bypass = await call("PATCH", STATE, instance, { onVariant: "off" });
    expect(bypass.status).toBe(200);
    const stale = await call("GET", first, as.ana as Headers);
    expect(stale.body.stale).toBe(true);
    const refused = await call("POST", `${first}/apply`, as.ana as Headers);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/changed .* since this request was made/);
    // The author updates it: made against the version now, and approved anew.
    const updated = await call("PUT", first, as.ana as Headers, {
      rollout: [
        { variant: "on", percentage: 10 },
        { variant: "off", percentage: 90 },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ stale: false, approvals: { valid: 0 } });
    expect(updated.body.reviews.map((r: { void: boolean }) => r.void)).toEqual([true]);
    expect((await call("POST", `${first}/apply`, as.ana as Headers)).status).toBe(409);
    expect((await call("POST", `${first}/approve`, as.ben as Headers)).status).toBe(200);
    expect((await call("POST", `${first}/apply`, as.ana as Headers)).status).toBe(200);

    // The proposal is edited after its approval.
    const second = await open(20);
    expect((await call("PUT", second, as.ben as Headers, { enabled: false })).status).toBe(403);
    const edited = await call("PUT", second, as.ana as Headers, { enabled: false });
    expect(edited.status).toBe(200);
    expect(edited.body.approvals.valid).toBe(0);
    expect((await call("POST", `${second}/apply`, as.ana as Headers)).status).toBe(409);
    // Cancelled by its author, it is closed for good.
    expect((await call("POST", `${second}/cancel`, as.ana as Headers)).body.status).toBe(
      "cancelled",
    );
    expect((await call("POST", `${second}/approve`, as.ben as Headers)).status).toBe(409);

    // The break-glass change is audited as such.
    const audit = await call("GET", `${WS}/flags/checkout/audit`, as.val as Headers);
    expect(
      audit.body.entries.some(
        (e: { action: string; comment: string | null }) =>
          e.action === "flag.state.updated" &&
          e.comment?.startsWith("Approval bypassed with the break-glass instance token"),
      ),
    ).toBe(true);
  });

  it("closes a rejected request, lists requests by status, and names bad proposals", async () => {
    const opened = await call("POST", `${STATE}/change-requests`, as.ana as Headers, {
      enabled: false,
    });
    const path = `${WS}/change-requests/${opened.body.id}`;
    const rejected = await call("POST", `${path}/reject`, as.ben as Headers, {
      comment: "not now",
    });
    expect(rejected.body).toMatchObject({ status: "rejected", closedBy: "ben@example.com" });
    const open = await call("GET", `${WS}/change-requests?status=open`, as.val as Headers);
    expect(open.body.every((r: { status: string }) => r.status === "open")).toBe(true);
    const all = await call("GET", `${WS}/change-requests?flag=checkout`, as.val as Headers);
    expect(all.body.map((r: { status: string }) => r.status)).toContain("rejected");
    // A proposal that is not valid is refused as a direct change would be, field by field.
    const bad = await call("POST", `${STATE}/change-requests`, as.ana as Headers, {
      onVariant: "maybe",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      { field: "body.onVariant", message: 'unknown variant "maybe"' },
    ]);
    // One that changes nothing is refused too.
    const state = await call("GET", STATE, as.val as Headers);
    const none = await call("POST", `${STATE}/change-requests`, as.ana as Headers, {
      enabled: state.body.enabled,
    });
    expect(none.status).toBe(400);
  });

  it("guards what production serves against changes to the flag itself", async () => {
    const flags = `${WS}/flags`;
    const made = await call("POST", flags, as.ana as Headers, {
      key: "banner",
      type: "string",
      variants: [
        { key: "old", value: "Welcome" },
        { key: "new", value: "Hello" },
      ],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const variants = made.body.variants as { id: number; key: string; value: string }[];
    // Production serves a variant (off: the off variant): its value is what users get there.
    const changed = await call("PATCH", `${flags}/banner`, as.ana as Headers, {
      variants: variants.map((v) => ({ ...v, value: `${v.value}!` })),
    });
    expect(changed.status).toBe(409);
    expect(changed.body.errorCode).toBe("approval_required");
    // A new variant changes nothing served: allowed.
    const added = await call("PATCH", `${flags}/banner`, as.ana as Headers, {
      variants: [...variants, { key: "newer", value: "Hi" }],
    });
    expect(added.status).toBe(200);
    // Checkout is on in production: archiving it there needs a change request first.
    const archived = await call("POST", `${flags}/checkout/archive`, as.ada as Headers);
    expect(archived.status).toBe(409);
    expect(archived.body.message).toMatch(/turn it off there through a change request first/);
    // Banner is off there: archiving it serves nothing new.
    expect((await call("POST", `${flags}/banner/archive`, as.ada as Headers)).status).toBe(200);
  });
});
