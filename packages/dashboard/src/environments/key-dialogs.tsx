import {
  Alert,
  Button,
  Code,
  Group,
  Input,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiFailure, api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import type { Revealed } from "./one-time-secret.js";
import { type KeyKind, type SdkKey, sdkKeysQueryKey, useLastOf } from "./sdk-keys.js";

interface DialogProps {
  environment: string;
  onClose: () => void;
}

/** Refreshes the environment's key list after any change to it. */
function useRefreshKeys(environment: string) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  return () => queries.invalidateQueries({ queryKey: sdkKeysQueryKey(ws, environment) });
}

const KINDS = [
  { value: "server", label: "Server" },
  { value: "client", label: "Client" },
];

const KIND_HELP: Record<KeyKind, string> = {
  server: "For back ends (@flagsync/node-sdk). Keep it secret: it can read every flag rule.",
  client: "For browsers and apps (@flagsync/js-sdk). It only gets values evaluated for a user.",
};

/** A new key of a chosen kind; its secret is handed on to be shown once. */
export function CreateKey({
  environment,
  opened,
  onClose,
  onCreated,
}: DialogProps & { opened: boolean; onCreated: (revealed: Revealed) => void }) {
  const ws = useWorkspace();
  const refresh = useRefreshKeys(environment);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({ initialValues: { kind: "server" as KeyKind, name: "" } });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const create = useMutation({
    mutationFn: (body: { kind: KeyKind; name?: string }) =>
      must(
        api.POST("/api/v1/workspaces/{ws}/environments/{env}/sdk-keys", {
          params: { path: { ws, env: environment } },
          body,
        }),
      ),
    onSuccess: async (key) => {
      await refresh();
      close();
      onCreated({ title: `New ${key.kind} key for ${environment}`, environment, keys: [key] });
    },
    onError: (error) => {
      const name = error instanceof ApiFailure ? error.fieldMessage("body.name") : undefined;
      if (name) form.setFieldError("name", name);
      else setFailure(error.message);
    },
  });
  const submit = form.onSubmit((values) => {
    setFailure(null);
    create.mutate({
      kind: values.kind,
      ...(values.name.trim() ? { name: values.name.trim() } : {}),
    });
  });
  return (
    <Modal opened={opened} onClose={close} title={`New SDK key for ${environment}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" title="The key was not created">
              {failure}
            </Alert>
          )}
          <Input.Wrapper label="Kind" description={KIND_HELP[form.values.kind]}>
            <SegmentedControl
              fullWidth
              mt={6}
              data={KINDS}
              aria-label="Kind"
              {...form.getInputProps("kind")}
            />
          </Input.Wrapper>
          <TextInput
            label="Name"
            placeholder={`${form.values.kind} key`}
            description="What uses it, e.g. checkout-service"
            data-autofocus
            {...form.getInputProps("name")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
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
