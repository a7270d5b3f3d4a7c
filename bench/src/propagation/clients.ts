// The client side of the propagation benchmark, in its own process: opens N SSE or WebSocket
// connections, then reports when each one received each marked update.
import { Agent, request } from "node:http";
import WebSocket from "ws";

interface Start {
  type: "start";
  transport: "sse" | "ws";
  url: string;
  count: number;
  headers: Record<string, string>;
}

const now = (): number => performance.timeOrigin + performance.now();
const MARKER = /prop-(\d+)/g;

/** arrivals[change] = arrival times (ms since epoch) for every connection that got it. */
const arrivals = new Map<number, number[]>();

function record(text: string): void {
  const at = now();
  for (const match of text.matchAll(MARKER)) {
    const change = Number(match[1]);
    let list = arrivals.get(change);
    if (!list) {
      list = [];
      arrivals.set(change, list);
    }
    list.push(at);
  }
}

function openSse(url: string, headers: Record<string, string>, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: { accept: "text/event-stream", ...headers }, agent },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk: string) => {
          buffer += chunk;
          const end = buffer.lastIndexOf("\n\n");
          if (end >= 0) {
            record(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        });
        resolve();
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function openWs(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    socket.on("message", (data) => record(String(data)));
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
}

let expected = 0;
let watching = -1;
const completed = new Set<number>();
setInterval(() => {
  if (
    watching >= 0 &&
    !completed.has(watching) &&
    (arrivals.get(watching)?.length ?? 0) >= expected
  ) {
    completed.add(watching);
    process.send?.({ type: "complete", change: watching });
  }
}, 1).unref();

process.on(
  "message",
  async (
    message:
      | Start
      | { type: "watch"; change: number }
      | { type: "report"; change: number }
      | { type: "exit" },
  ) => {
    if (message.type === "start") {
      const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
      // Open in waves so the listen backlog never overflows.
      for (let opened = 0; opened < message.count; opened += 250) {
        const wave = Math.min(250, message.count - opened);
        await Promise.all(
          Array.from({ length: wave }, () =>
            message.transport === "sse"
              ? openSse(message.url, message.headers, agent)
              : openWs(message.url, message.headers),
          ),
        );
      }
      expected = message.count;
      process.send?.({ type: "ready" });
    } else if (message.type === "watch") {
      watching = message.change;
    } else if (message.type === "report") {
      process.send?.({
        type: "arrivals",
        change: message.change,
        times: arrivals.get(message.change) ?? [],
      });
    } else {
      process.exit(0);
    }
  },
);
