import {
  Alert,
  Button,
  Group,
  Input,
  Modal,
  SegmentedControl,
  Stack,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ApiFailure, api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import type { Revealed } from "./one-time-secret.js";
import { type KeyKind, useRefreshKeys } from "./sdk-keys.js";

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
}: {
  environment: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (revealed: Revealed) => void;
}) {
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
