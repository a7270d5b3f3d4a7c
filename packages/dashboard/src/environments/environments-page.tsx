import { Alert, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { AllowedButton } from "../access.js";
import { useWorkspace, useWorkspaces } from "../workspace.js";
import { CreateEnvironment } from "./create-environment.js";
import { EnvironmentKeys } from "./environment-keys.js";
import { useOneTimeSecret } from "./one-time-secret.js";
import { SdkSnippet } from "./sdk-snippet.js";

/** The workspace's environments, each with its SDK keys, and how to connect an SDK. */
export function EnvironmentsPage() {
  const ws = useWorkspace();
  const workspaces = useWorkspaces();
  const [creating, setCreating] = useState(false);
  const secret = useOneTimeSecret();
  const environments = workspaces.data?.find((w) => w.key === ws)?.environments ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Environments & keys</Title>
        <AllowedButton need="manage" onClick={() => setCreating(true)}>
          Create environment
        </AllowedButton>
      </Group>
      <Text c="dimmed" size="sm">
        Each environment has its own flag states and SDK keys. Server keys are for back ends; client
        keys can ship in browser and mobile apps. A key is shown once, when it is created.
      </Text>
      {workspaces.isPending && <Loader aria-label="Loading the environments" />}
      {workspaces.error && (
        <Alert color="red" title="The environments could not be loaded">
          {workspaces.error.message}
        </Alert>
      )}
      {workspaces.isSuccess && environments.length === 0 && (
        <Text c="dimmed">No environments yet. Create the first one.</Text>
      )}
      {environments.map((environment) => (
        <EnvironmentKeys key={environment.key} environment={environment} onSecret={secret.reveal} />
      ))}
      {environments.length > 0 && <SdkSnippet environments={environments} />}
      <CreateEnvironment
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={secret.reveal}
      />
      {secret.dialog}
    </Stack>
  );
}
