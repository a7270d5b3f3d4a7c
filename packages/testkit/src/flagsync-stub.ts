import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type FeatureFlagEnvironmentDetailDto,
  type Flag,
  toFlagSyncDetail,
} from "@flagsync-oss/core";

/** The `/sdk/rules` body for a set of flags, in the FlagSync wire model. */
export function flagSyncRulesPayload(flags: readonly Flag[]): {
  flags: Record<string, FeatureFlagEnvironmentDetailDto>;
} {
  const now = new Date(0).toISOString();
  const payload: Record<string, FeatureFlagEnvironmentDetailDto> = {};
  flags.forEach((flag, i) => {
    payload[flag.key] = toFlagSyncDetail(flag, {
      organizationId: 1,
      workspaceId: 1,
      environmentId: 1,
      flagId: i + 1,
      stateId: i + 1,
      name: flag.key,
      description: "",
      createdAt: now,
      updatedAt: now,
    });
  });
  return { flags: payload };
}

/** A static rules source that lets an official FlagSync SDK initialise from a local address. */
export interface FlagSyncStub {
  url: string;
  /** Impressions received on /track/impressions/*, across all batches. */
  impressionCount(): number;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 answering the FlagSync SDK bootstrap (init, rules) with
 * the given flags and accepting track batches. It exists to feed official SDKs in cross-checks
 * and benchmarks, where our own server would add unrelated work to the measurement.
 */
export async function startFlagSyncStub(flags: readonly Flag[]): Promise<FlagSyncStub> {
  const rules = JSON.stringify(flagSyncRulesPayload(flags));
  let impressions = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = (request.url ?? "").split("?")[0]?.replace(/^\/worker/, "");
      if (path === "/sdk/rules") {
        response
          .writeHead(200, { "content-type": "application/json", connection: "close" })
          .end(rules);
        return;
      }
      if (path?.startsWith("/track/impressions/")) {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
            impressions?: unknown[];
          };
          impressions += body.impressions?.length ?? 0;
        } catch {
          // counted as zero
        }
      }
      response
        .writeHead(200, { "content-type": "application/json", connection: "close" })
        .end("{}");
    });
  });
  // Each response closes its connection: SDK clients that sit idle for minutes (between benchmark
  // runs) must not reuse a socket the server has since dropped.
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    impressionCount: () => impressions,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
