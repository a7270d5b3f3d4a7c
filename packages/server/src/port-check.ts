import { createServer } from "node:net";

/** Why the server cannot start, in one line for the operator (no stack trace). */
export class StartError extends Error {}

/**
 * Fails when the address cannot be listened on (in use, or not allowed), before the server
 * opens its database or creates anything, so that a failed start leaves nothing behind.
 */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      reject(
        new StartError(
          error.code === "EADDRINUSE"
            ? `Port ${port} is in use (${where}): stop what listens there or set PORT to another port`
            : error.code === "EACCES"
              ? `Not allowed to listen on ${where}: choose a PORT above 1023 or run with the right permissions`
              : `Cannot listen on ${where}: ${error.message}`,
        ),
      );
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
