// The load generator of the ingestion benchmark, in its own process: C keep-alive connections,
// each posting batches of events back to back, recording each acknowledgement's latency.
import { Agent, request } from "node:http";

interface Start {
  url: string;
  key: string;
  connections: number;
  batchSize: number;
  warmupMs: number;
  durationMs: number;
  /** After the measured time, keep posting (unmeasured) until this many events are stored. */
  minEvents: number;
}

/** 50 event keys, as in the catalog check of the ingestion goals. */
const EVENT_KEYS = Array.from(
  { length: 50 },
  (_, i) =>
    ["purchase", "page_load_time", "signup-click", "add_to_cart", "search"][i % 5] +
    (i < 5 ? "" : `-${i}`),
);

function body(batch: number, size: number, connection: number): string {
  const events = [];
  for (let i = 0; i < size; i++) {
    const n = batch * size + i;
    events.push({
      context: {
        key: `user-${connection}-${n % 5000}`,
        attributes: { plan: n % 3 === 0 ? "pro" : "free" },
      },
      eventKey: EVENT_KEYS[n % EVENT_KEYS.length],
      value: n % 4 === 0 ? null : (n % 1000) / 10,
      properties:
        n % 2 === 0 ? { price: n % 97, discount: (n % 5) / 10, sku: `sku-${n % 300}` } : null,
      timestamp: new Date().toISOString(),
    });
  }
  return JSON.stringify({ events, sdkContext: { sdkName: "bench", sdkVersion: "0" } });
}

function post(
  url: URL,
  key: string,
  agent: Agent,
  payload: string,
): Promise<{ status: number; accepted: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "x-ridgeline-key": key,
          "content-length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => {
          let accepted = 0;
          try {
            accepted = (JSON.parse(text) as { accepted?: number }).accepted ?? 0;
          } catch {
            // not JSON: counted as nothing accepted
          }
          resolve({ status: res.statusCode ?? 0, accepted });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

process.once("message", async (start: Start) => {
  const url = new URL("/track/events/server", start.url);
  const agent = new Agent({ keepAlive: true, maxSockets: start.connections });
  const bodies = Array.from({ length: start.connections }, (_, c) =>
    Array.from({ length: 20 }, (_, b) => body(b, start.batchSize, c)),
  );
  const began = performance.now();
  const measureFrom = began + start.warmupMs;
  const stopAt = measureFrom + start.durationMs;
  const latencies: number[] = [];
  let accepted = 0;
  let acceptedTotal = 0;
  let failures = 0;
  await Promise.all(
    Array.from({ length: start.connections }, async (_, c) => {
      for (let b = 0; performance.now() < stopAt || acceptedTotal < start.minEvents; b++) {
        const sent = performance.now();
        try {
          const result = await post(url, start.key, agent, bodies[c]?.[b % 20] as string);
          const done = performance.now();
          acceptedTotal += result.accepted;
          if (result.status !== 200) failures++;
          if (sent >= measureFrom && done <= stopAt) {
            latencies.push(done - sent);
            accepted += result.accepted;
          }
        } catch {
          failures++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  process.send?.({
    accepted,
    acceptedTotal,
    failures,
    seconds: start.durationMs / 1000,
    p50: at(0.5),
    p99: at(0.99),
    requests: latencies.length,
  });
  agent.destroy();
  process.exit(0);
});
