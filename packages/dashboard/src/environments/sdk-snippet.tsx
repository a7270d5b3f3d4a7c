import {
  Box,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Select,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { type KeyKind, type SdkKey, useSdkKeys } from "./sdk-keys.js";

/** A line naming which key to paste, by the hint of the environment's first working key. */
function keyNote(keys: SdkKey[] | undefined, kind: KeyKind, environment: string): string {
  const key = keys?.find((k) => k.kind === kind && k.active);
  if (key) return `a ${kind} key of ${environment}, e.g. ${key.name} (${key.hint})`;
  return keys
    ? `${environment} has no working ${kind} key: create one above`
    : `a ${kind} key of ${environment}`;
}

function nodeSnippet(origin: string, note: string): string {
  return `import { FlagSyncFactory } from "@flagsync/node-sdk";

const client = FlagSyncFactory({
  // ${note}; keep it on the server
  sdkKey: "<server key>",
  urls: { sdk: "${origin}" },
}).client();

await client.waitForReady();
const value = client.flag({ key: "user-123" }, "my-flag", false);`;
}

function browserSnippet(origin: string, note: string): string {
  return `import { FlagSyncFactory } from "@flagsync/js-sdk";

const client = FlagSyncFactory({
  // ${note}
  sdkKey: "<client key>",
  core: { key: "user-123", attributes: { plan: "pro" } },
  urls: { sdk: "${origin}" },
}).client();

await client.waitForReady();
const value = client.flag("my-flag", false);`;
}

/** How to point the FlagSync SDKs at this server, for one environment. */
export function SdkSnippet({ environments }: { environments: { key: string; name: string }[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const environment = chosen ?? environments[0]?.key ?? null;
  const keys = useSdkKeys(environment);
  const origin = window.location.origin;
  const env = environment ?? "this environment";
  const snippets = [
    {
      value: "node",
      label: "Node.js (server key)",
      code: nodeSnippet(origin, keyNote(keys.data, "server", env)),
    },
    {
      value: "browser",
      label: "Browser (client key)",
      code: browserSnippet(origin, keyNote(keys.data, "client", env)),
    },
  ];
  return (
    <Paper withBorder p="md" component="section" aria-label="Connect an SDK">
      <Group justify="space-between" align="flex-end" mb="xs">
        <div>
          <Title order={3} size="h4">
            Connect an SDK
          </Title>
          <Text size="sm" c="dimmed">
            The FlagSync SDKs talk to this server when their sdk URL points here.
          </Text>
        </div>
        <Select
          aria-label="Environment of the snippet"
          size="xs"
          w={200}
          data={environments.map((e) => ({ value: e.key, label: e.name }))}
          value={environment}
          allowDeselect={false}
          onChange={setChosen}
        />
      </Group>
      <Tabs defaultValue="node">
        <Tabs.List>
          {snippets.map((s) => (
            <Tabs.Tab key={s.value} value={s.value}>
              {s.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {snippets.map((s) => (
          <Tabs.Panel key={s.value} value={s.value} pt="sm">
            <Box pos="relative">
              <Code block>{s.code}</Code>
              <CopyButton value={s.code}>
                {({ copied, copy }) => (
                  <Button
                    size="compact-xs"
                    variant={copied ? "filled" : "default"}
                    color={copied ? "teal" : undefined}
                    pos="absolute"
                    top={8}
                    right={8}
                    onClick={copy}
                  >
                    {copied ? "Copied" : "Copy"}
                  </Button>
                )}
              </CopyButton>
            </Box>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Paper>
  );
}
