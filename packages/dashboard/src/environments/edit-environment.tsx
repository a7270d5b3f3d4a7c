import { Alert, Button, Group, Modal, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../api/client.js";
import { placeApiErrors } from "../form-errors.js";
import { confirmDiscard, useUnsavedChanges } from "../unsaved-changes.js";
import { useWorkspace } from "../workspace.js";

interface Environment {
  key: string;
  name: string;
  production: boolean;
}

/** What the production marker does, in the words the forms use. */
export const PRODUCTION_HELP =
  "Saving a flag change here asks for confirmation, with an optional comment kept in the audit log.";

/**
 * Renames an environment and marks it as production or not: a draft until saved; closing a
 * changed form asks, and so does taking the production marker away.
 */
export function EditEnvironment({
  environment,
  onClose,
}: {
  environment: Environment;
  onClose: () => void;
}) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: environment.name, production: environment.production },
    validate: { name: (v) => (v.trim() === "" ? "Enter a name" : null) },
  });
  const isDirty =
    form.values.name !== environment.name || form.values.production !== environment.production;
  useUnsavedChanges(isDirty, `the environment ${environment.key}`);
  const close = () => {
    if (isDirty && !confirmDiscard()) return;
    onClose();
  };
  const save = useMutation({
    mutationFn: (body: { name?: string; production?: boolean }) =>
      must(
        api.PATCH("/api/v1/workspaces/{ws}/environments/{env}", {
          params: { path: { ws, env: environment.key } },
          body,
        }),
      ),
    onSuccess: async (saved) => {
      notifications.show({ color: "green", message: `Saved the environment ${saved.name}` });
      await Promise.all([
        queries.invalidateQueries({ queryKey: ["workspaces"] }),
        queries.invalidateQueries({ queryKey: ["flag", ws] }),
      ]);
      onClose();
    },
    onError: (error) =>
      setFailure(
        placeApiErrors(error, form, (field) =>
          field === "name" || field === "production" ? field : undefined,
        ),
      ),
  });
  const submit = form.onSubmit((values) => {
    setFailure(null);
    if (
      environment.production &&
      !values.production &&
      !window.confirm(
        `Saves in ${environment.name} will no longer ask for confirmation. Take the production marker away?`,
      )
    )
      return;
    const body: { name?: string; production?: boolean } = {};
    if (values.name.trim() !== environment.name) body.name = values.name.trim();
    if (values.production !== environment.production) body.production = values.production;
    save.mutate(body);
  });
  return (
    <Modal opened onClose={close} title={`Edit ${environment.name}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" title="The environment was not saved">
              {failure}
            </Alert>
          )}
          <TextInput label="Name" data-autofocus {...form.getInputProps("name")} />
          <Text size="sm" c="dimmed">
            Key <code>{environment.key}</code> (used by SDK keys and the API; it does not change)
          </Text>
          <Switch
            label="Production"
            description={PRODUCTION_HELP}
            {...form.getInputProps("production", { type: "checkbox" })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={!isDirty} loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
