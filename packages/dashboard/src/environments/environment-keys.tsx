import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { AllowedButton, useRefusal } from "../access.js";
import { CreateKey } from "./create-key.js";
import { EditEnvironment } from "./edit-environment.js";
import { RevokeKey, RotateKey } from "./key-dialogs.js";
import type { Revealed } from "./one-time-secret.js";
import { SdkDrops } from "./sdk-drops.js";
import { type KeyStatus, KIND_LABELS, keyStatus, type SdkKey, useSdkKeys } from "./sdk-keys.js";

interface Environment {
  key: string;
  name: string;
  production: boolean;
  approvals: { required: number; approverRole: "editor" | "admin" | "owner" };
  createdAt: string;
}

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/** One environment: its name and production marker, its SDK keys (hints only) with create, rotate and revoke. */
export function EnvironmentKeys({
  environment,
  onSecret,
}: {
  environment: Environment;
  onSecret: (revealed: Revealed) => void;
}) {
  // SDK keys are an admin's: others see that the environment has them, not which.
  const refusal = useRefusal("manage");
  const keys = useSdkKeys(refusal === null ? environment.key : null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState(false);
  const [rotating, setRotating] = useState<SdkKey | null>(null);
  const [revoking, setRevoking] = useState<SdkKey | null>(null);
  return (
    <Paper withBorder p="md" aria-label={`Environment ${environment.key}`} component="section">
      <Group justify="space-between" mb="sm">
        <Group gap="sm" align="baseline">
          <Title order={3} size="h4">
            {environment.name}
          </Title>
          <Code>{environment.key}</Code>
          {environment.production && (
            <Badge size="sm" color="red" variant="outline">
              Production
            </Badge>
          )}
          {environment.approvals.required > 0 && (
            <Badge size="sm" color="grape" variant="outline">
              {environment.approvals.required === 1
                ? "1 approval"
                : `${environment.approvals.required} approvals`}
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            created {when(environment.createdAt)}
          </Text>
        </Group>
        <Group gap="xs">
          <AllowedButton need="manage" variant="default" size="xs" onClick={() => setEditing(true)}>
            Edit
          </AllowedButton>
          <AllowedButton need="manage" variant="light" size="xs" onClick={() => setCreating(true)}>
            New key
          </AllowedButton>
        </Group>
      </Group>
      {editing && <EditEnvironment environment={environment} onClose={() => setEditing(false)} />}
      <SdkDrops environment={environment.key} />
      {refusal && (
        <Text c="dimmed" size="sm">
          SDK keys are shown to the workspace's admins and owners only.
        </Text>
      )}
      {keys.isLoading && <Loader size="sm" aria-label={`Loading the keys of ${environment.key}`} />}
      {keys.error && (
        <Alert color="red" title="The keys could not be loaded">
          {keys.error.message}
        </Alert>
      )}
      {keys.data?.length === 0 && (
        <Text c="dimmed" size="sm">
          No keys: no SDK can connect to this environment yet.
        </Text>
      )}
      {keys.data && keys.data.length > 0 && (
        <Table.ScrollContainer minWidth={900} scrollAreaProps={{ offsetScrollbars: false }}>
          {/* Fixed columns: every environment's table lines up with the others. */}
          <Table verticalSpacing={6} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th w={100}>Kind</Table.Th>
                <Table.Th w={170}>Key</Table.Th>
                <Table.Th w={190}>Created</Table.Th>
                <Table.Th w={200}>Status</Table.Th>
                <Table.Th w={170} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((key) => (
                <Table.Tr key={key.id} c={key.active ? undefined : "dimmed"}>
                  <Table.Td>{key.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={key.kind === "server" ? "indigo" : "teal"}>
                      {KIND_LABELS[key.kind]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Code style={{ whiteSpace: "nowrap" }}>{key.hint}</Code>
                  </Table.Td>
                  <Table.Td>{when(key.createdAt)}</Table.Td>
                  <Table.Td>
                    <Status status={keyStatus(key)} revokedAt={key.revokedAt} />
                  </Table.Td>
                  <Table.Td>
                    {key.active && (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {/* An expiring key is already replaced: rotating it again could only
                            move its end. */}
                        {keyStatus(key) === "active" && (
                          <Button
                            variant="subtle"
                            size="compact-sm"
                            aria-label={`Rotate ${key.hint}`}
                            onClick={() => setRotating(key)}
                          >
                            Rotate
                          </Button>
                        )}
                        <Button
                          variant="subtle"
                          color="red"
                          size="compact-sm"
                          aria-label={`Revoke ${key.hint}`}
                          onClick={() => setRevoking(key)}
                        >
                          Revoke
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateKey
        environment={environment.key}
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={onSecret}
      />
      <RotateKey
        environment={environment.key}
        sdkKey={rotating}
        onClose={() => setRotating(null)}
        onRotated={onSecret}
      />
      <RevokeKey
        environment={environment.key}
        sdkKey={revoking}
        onClose={() => setRevoking(null)}
      />
    </Paper>
  );
}

const STATUS: Record<KeyStatus, { label: string; color: string; until: string }> = {
  active: { label: "Active", color: "green", until: "" },
  expiring: { label: "Expiring", color: "yellow", until: "until" },
  revoked: { label: "Revoked", color: "gray", until: "since" },
};

/** The key's status, with when it stopped or stops working. */
function Status({ status, revokedAt }: { status: KeyStatus; revokedAt: string | null }) {
  const { label, color, until } = STATUS[status];
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={color} variant={status === "revoked" ? "light" : "filled"}>
        {label}
      </Badge>
      {status !== "active" && revokedAt && (
        <Text size="xs" c="dimmed">
          {until} {when(revokedAt)}
        </Text>
      )}
    </Stack>
  );
}
