import type { SdkClientReport } from "./sdk-client-repository.js";

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** A report's body checked field by field: the report, or what is wrong with it (naming the field). */
export function parseSdkClientReport(
  body: unknown,
): { report: SdkClientReport } | { problem: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { problem: "The body must be a JSON object" };
  const { clientId, sdkName, sdkVersion, dropped } = body as Record<string, unknown>;
  if (typeof clientId !== "string" || !CLIENT_ID.test(clientId))
    return { problem: "clientId must be 8–64 letters, digits, '-' or '_'" };
  if (typeof sdkName !== "string" || sdkName.length === 0 || sdkName.length > 100)
    return { problem: "sdkName must be a string of 1–100 characters" };
  if (typeof sdkVersion !== "string" || sdkVersion.length === 0 || sdkVersion.length > 50)
    return { problem: "sdkVersion must be a string of 1–50 characters" };
  if (typeof dropped !== "object" || dropped === null || Array.isArray(dropped))
    return { problem: "dropped must be an object with impressions and events" };
  const counts = dropped as Record<string, unknown>;
  for (const field of ["impressions", "events"] as const) {
    const n = counts[field];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0)
      return { problem: `dropped.${field} must be a whole number ≥ 0` };
  }
  return {
    report: {
      clientId,
      sdkName,
      sdkVersion,
      dropped: { impressions: counts.impressions as number, events: counts.events as number },
    },
  };
}
