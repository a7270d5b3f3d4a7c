// The dashboard's files go out compressed (Brotli or gzip, as the browser accepts, from the copies
// the build writes) and its hashed files are cached for good.
import { readFileSync } from "node:fs";
import { get } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.js";

/** A raw GET (fetch would undo the compression): status, headers and the bytes as sent. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      }).on("error", reject);
    },
  );
}

describe("dashboard files", () => {
  let server: TestServer;
  let script: string;
  let original: Buffer;

  beforeAll(async () => {
    server = await startTestServer("sqlite");
    const page = readFileSync(join(dashboardDir(), "index.html"), "utf8");
    script = /src="(\/assets\/index-[^"]+\.js)"/.exec(page)?.[1] as string;
    expect(script).toBeDefined();
    original = readFileSync(join(dashboardDir(), script));
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ["br", (body: Buffer) => brotliDecompressSync(body)],
    ["gzip", (body: Buffer) => gunzipSync(body)],
  ] as const)(
    "are sent with %s to a browser that accepts it, at a fraction of the size",
    async (encoding, decode) => {
      const response = await rawGet(`${server.url}${script}`, { "accept-encoding": encoding });
      expect(response.status).toBe(200);
      expect(response.headers["content-encoding"]).toBe(encoding);
      expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(response.body.length).toBeLessThan(original.length / 3);
      expect(decode(response.body).equals(original)).toBe(true);
    },
  );

  it("are sent as they are to a client that accepts no compression", async () => {
    const response = await rawGet(`${server.url}${script}`, {});
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.body.equals(original)).toBe(true);
  });
});

function dashboardDir(): string {
  return new URL("../../dashboard/dist", import.meta.url).pathname;
}
