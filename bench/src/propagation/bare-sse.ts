import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The reference point: a Node SSE server that does nothing but hold connections and, on
 * request, write one pre-serialised ~300-byte message to each of them.
 */
export async function startBareSse(): Promise<{
  url: string;
  broadcast(change: number): void;
  close(): Promise<void>;
}> {
  const clients = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(": connected\n\n");
    clients.add(res);
    req.on("close", () => clients.delete(res));
  });
  server.listen(0, "127.0.0.1", 4096);
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    broadcast(change) {
      const payload = JSON.stringify({
        "bench-flag": { seed: `prop-${change}`, padding: "x".repeat(240) },
      });
      const frame = `data: ${payload}\n\n`;
      for (const res of clients) res.write(frame);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
