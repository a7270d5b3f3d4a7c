// A flood of abusive requests, run as a child process (at the lowest CPU priority, as if it ran
// on another machine): bounded in time, loopback only. Sends the statuses it got when done.
import { randomBytes } from "node:crypto";
import http from "node:http";

/** @type {{ url: string, kind: "large-body" | "random-keys", connections: number, seconds: number }} */
const { url, kind, connections, seconds } = JSON.parse(process.argv[2] ?? "{}");
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const deadline = Date.now() + seconds * 1000;

// Just under 1 MB of unknown fields: schema-validated, each would be one error.
const largeBody = Buffer.from(
  `{${Array.from({ length: 90_000 }, (_, i) => `"k${i}":1`).join(",")}}`,
);
const key = (kind) => `fs_${kind}_${randomBytes(16).toString("hex")}`;
const randomKeyRequests = [
  () => ["POST", "/sdk/flags", key("client"), '{"context":{"key":"u"}}'],
  () => ["POST", "/track/events/server", key("server"), '{"events":[]}'],
  () => ["POST", "/track/impressions/client", key("client"), "[]"],
  () => ["GET", "/sdk/rules", key("server"), undefined],
];

function send(method, path, headers, body) {
  return new Promise((resolve) => {
    const request = http.request(
      new URL(path, url),
      { method, agent, headers: body ? { ...headers, "content-length": body.length } : headers },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", () => resolve(-1));
      },
    );
    request.on("error", () => resolve(-1));
    request.end(body);
  });
}

const statuses = {};
async function loop(connection) {
  for (let i = connection; Date.now() < deadline; i += connections) {
    let status;
    if (kind === "large-body") {
      status = await send(
        "POST",
        "/api/v1/workspaces",
        { "content-type": "application/json" },
        largeBody,
      );
    } else {
      const [method, path, sdkKey, body] = randomKeyRequests[i % randomKeyRequests.length]();
      status = await send(
        method,
        path,
        { "content-type": "application/json", "x-ridgeline-key": sdkKey },
        body === undefined ? undefined : Buffer.from(body),
      );
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
}

await Promise.all(Array.from({ length: connections }, (_, i) => loop(i)));
agent.destroy();
process.send?.(statuses, () => process.exit(0));
