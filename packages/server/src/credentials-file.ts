import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { InitialCredentials } from "./bootstrap.js";

/**
 * Writes first-start secrets to a new file in the data folder, readable by the owner only;
 * returns its path. Throws when it cannot, and the start then fails and undoes their creation.
 */
export function writeCredentialsFile(dataDir: string, credentials: InitialCredentials): string {
  // The folder holds secrets: private when this creates it.
  const created = mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (created !== undefined) chmodSync(dataDir, 0o700);
  const file = join(dataDir, `credentials-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const keys = Object.fromEntries(
    Object.entries(credentials.keys ?? {}).map(([env, list]) => [
      env,
      Object.fromEntries(list.map((k) => [`${k.key.kind}Key`, k.secret])),
    ]),
  );
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        note: "These secrets are stored only as hashes and are not shown again. Move them to your secret store, then delete this file.",
        ...(credentials.adminToken ? { adminToken: credentials.adminToken } : {}),
        ...(credentials.keys ? { workspace: "default", keys } : {}),
        ...(credentials.ownerInvitation
          ? {
              firstOwner: {
                invitationToken: credentials.ownerInvitation.token,
                expiresAt: credentials.ownerInvitation.expiresAt,
                howTo:
                  'Create the first owner\'s account: on the dashboard\'s sign-in page choose "I have an invitation" and give this token, your email and a password (at least 12 characters); or POST /api/v1/invitations/accept with {"token", "email", "name", "password"}.',
              },
            }
          : {}),
      },
      null,
      2,
    )}\n`,
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  return file;
}
