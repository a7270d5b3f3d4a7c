// A legitimate client measured while abusive traffic runs: /healthz and a tracking request of a
// known server key, one after the other, each latency kept.

/** The 99th percentile of some latencies (nearest rank). */
export function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
}

/** A legitimate client of a server: its two requests, each answering the HTTP status. */
export function legitimateClient(url: string, serverKey: string) {
  return {
    healthz: async () => (await fetch(`${url}/healthz`)).status,
    track: async () =>
      (
        await fetch(`${url}/track/events/server`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-ridgeline-key": serverKey },
          body: JSON.stringify({
            events: [{ context: { key: "probe-user" }, eventKey: "probe", value: 1 }],
          }),
        })
      ).status,
  };
}

/** Probes until `running` settles: the latency (ms) of each probe, and any status but 200. */
export async function probeDuring(
  client: ReturnType<typeof legitimateClient>,
  running: Promise<unknown>,
) {
  let done = false;
  void running.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  const latencies = { healthz: [] as number[], track: [] as number[] };
  const failures: string[] = [];
  while (!done) {
    for (const name of ["healthz", "track"] as const) {
      const started = performance.now();
      const status = await client[name]();
      latencies[name].push(performance.now() - started);
      if (status !== 200) failures.push(`${name} ${status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { latencies, failures };
}
