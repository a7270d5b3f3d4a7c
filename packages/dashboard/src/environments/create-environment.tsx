import { Alert, Button, Group, Modal, Stack, Switch, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiFailure, api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import { PRODUCTION_HELP } from "./edit-environment.js";
import type { Revealed } from "./one-time-secret.js";

/** The create-environment dialog; the new environment's two keys are handed on to be shown once. */
export function CreateEnvironment({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (revealed: Revealed) => void;
}) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { key: "", name: "", production: false },
    validate: { key: (v) => (v.trim() === "" ? "Enter a key" : null) },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const create = useMutation({
    mutationFn: (body: { key: string; name?: string; production?: boolean }) =>
      must(api.POST("/api/v1/workspaces/{ws}/environments", { params: { path: { ws } }, body })),
    onSuccess: async (environment) => {
      await queries.invalidateQueries({ queryKey: ["workspaces"] });
      close();
      onCreated({
        title: `Environment ${environment.name} created`,
        environment: environment.key,
        keys: environment.keys,
      });
    },
    onError: (error) => {
      if (!(error instanceof ApiFailure)) {
        setFailure(error.message);
        return;
      }
      const key = error.fieldMessage("body.key");
      const name = error.fieldMessage("body.name");
      if (key) form.setFieldError("key", key);
      if (name) form.setFieldError("name", name);
      // A taken key is a conflict without field details; it still belongs to the key field.
      if (!key && !name && error.body.statusCode === 409) form.setFieldError("key", error.message);
      else if (!key && !name) setFailure(error.message);
    },
  });
  const submit = form.onSubmit((values) => {
    setFailure(null);
    create.mutate({
      key: values.key.trim(),
      ...(values.name.trim() ? { name: values.name.trim() } : {}),
      ...(values.production ? { production: true } : {}),
    });
  });
  return (
    <Modal opened={opened} onClose={close} title="Create an environment">
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" title="The environment was not created">
              {failure}
            </Alert>
          )}
          <TextInput
            label="Key"
            description="Letters, digits, . _ and -; it cannot be changed later"
            placeholder="staging"
            required
            data-autofocus
            {...form.getInputProps("key")}
          />
          <TextInput
            label="Name"
            placeholder="Staging"
            description="Shown in the dashboard; the key is used when empty"
            {...form.getInputProps("name")}
          />
          <Switch
            label="Production"
            description={PRODUCTION_HELP}
            {...form.getInputProps("production", { type: "checkbox" })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create environment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
