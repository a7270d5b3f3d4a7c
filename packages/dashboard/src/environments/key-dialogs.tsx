import { Alert, Button, Code, Group, Modal, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import type { Revealed } from "./one-time-secret.js";
import { type SdkKey, useRefreshKeys } from "./sdk-keys.js";

interface DialogProps {
  environment: string;
  onClose: () => void;
}

/** The last non-null value: a closing dialog keeps its text while it fades out. */
function useLastOf<T>(value: T | null): T | null {
  const [last, setLast] = useState(value);
  if (value !== null && value !== last) setLast(value);
  return value ?? last;
}

const GRACE_PERIODS = [
  { value: "0", label: "Stops at once" },
  { value: "3600", label: "Keeps working for 1 hour" },
  { value: "86400", label: "Keeps working for 1 day" },
  { value: "604800", label: "Keeps working for 7 days" },
];

/** Rotation: a new key of the same kind and name; the old one stops after a grace period. */
export function RotateKey({
  environment,
  sdkKey,
  onClose,
  onRotated,
}: DialogProps & { sdkKey: SdkKey | null; onRotated: (revealed: Revealed) => void }) {
  const ws = useWorkspace();
  const refresh = useRefreshKeys(environment);
  const [grace, setGrace] = useState("0");
  const shown = useLastOf(sdkKey);
  const rotate = useMutation({
    mutationFn: (key: SdkKey) =>
      must(
        api.POST("/api/v1/workspaces/{ws}/environments/{env}/sdk-keys/{id}/rotate", {
          params: { path: { ws, env: environment, id: key.id } },
          body: { graceSeconds: Number(grace) },
        }),
      ),
    onSuccess: (created, old) => {
      close();
      onRotated({
        title: `${old.name} rotated`,
        environment,
        keys: [created],
      });
    },
    onSettled: refresh,
  });
  const close = () => {
    rotate.reset();
    setGrace("0");
    onClose();
  };
  return (
    <Modal opened={sdkKey !== null} onClose={close} title="Rotate this key?">
      <Stack>
        <Text size="sm">
          A new {shown?.kind} key replaces <Code>{shown?.hint}</Code> ({shown?.name}). Apps still
          using the old key lose access when it stops.
        </Text>
        <Select
          label="The old key"
          data={GRACE_PERIODS}
          value={grace}
          allowDeselect={false}
          onChange={(value) => value && setGrace(value)}
        />
        {rotate.error && (
          <Alert color="red" title="The key was not rotated">
            {rotate.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            loading={rotate.isPending}
            onClick={() => sdkKey && rotate.mutate(sdkKey)}
            color="orange"
          >
            Rotate key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Revocation, confirmed first: the key stops working at once. */
export function RevokeKey({
  environment,
  sdkKey,
  onClose,
}: DialogProps & { sdkKey: SdkKey | null }) {
  const ws = useWorkspace();
  const refresh = useRefreshKeys(environment);
  const shown = useLastOf(sdkKey);
  const revoke = useMutation({
    mutationFn: (key: SdkKey) =>
      must(
        api.DELETE("/api/v1/workspaces/{ws}/environments/{env}/sdk-keys/{id}", {
          params: { path: { ws, env: environment, id: key.id } },
        }),
      ),
    onSuccess: (key) => {
      notifications.show({ color: "gray", message: `${key.name} (${key.hint}) is revoked` });
      close();
    },
    onSettled: refresh,
  });
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <Modal opened={sdkKey !== null} onClose={close} title="Revoke this key?">
      <Stack>
        <Text size="sm">
          <Code>{shown?.hint}</Code> ({shown?.name}) stops working at once in {environment}. This
          cannot be undone.
        </Text>
        {revoke.error && (
          <Alert color="red" title="The key was not revoked">
            {revoke.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={() => sdkKey && revoke.mutate(sdkKey)}
          >
            Revoke key
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
