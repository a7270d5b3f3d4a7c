// A TCP proxy in front of PostgreSQL that can lose a commit's answer: it passes a COMMIT on to
// the server, which commits, and drops the client's side of that connection before the answer
// arrives, as a network fault or a failover at that moment does.
import { connect, createServer, type Socket } from "node:net";

/** The simple-protocol message `commit` as pg sends it: 'Q', length 11, the text, NUL. */
const COMMIT = Buffer.concat([Buffer.from([0x51, 0, 0, 0, 11]), Buffer.from("commit\0")]);

export interface PgProxy {
  /** The database URL through the proxy. */
  url: string;
  /** Drops the connection of the next COMMIT after sending it on; resolves once it did. */
  loseNextCommitAnswer(): Promise<void>;
  close(): Promise<void>;
}

export async function startPgProxy(databaseUrl: string): Promise<PgProxy> {
  const target = new URL(databaseUrl);
  const sockets = new Set<Socket>();
  let armed: (() => void) | undefined;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", () => upstream.end());
    upstream.on("close", () => client.destroy());
    upstream.on("data", (chunk) => client.write(chunk));
    client.on("data", (chunk) => {
      if (armed && chunk.includes(COMMIT)) {
        const done = armed;
        armed = undefined;
        upstream.write(chunk);
        client.destroy();
        // The server reads the COMMIT before it sees the connection end.
        setTimeout(() => {
          upstream.end();
          done();
        }, 200);
        return;
      }
      upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = new URL(databaseUrl);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.toString(),
    loseNextCommitAnswer: () =>
      new Promise((resolve) => {
        armed = resolve;
      }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
