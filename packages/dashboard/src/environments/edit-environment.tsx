import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../api/client.js";
import { placeApiErrors } from "../form-errors.js";
import { confirmDiscard, useUnsavedChanges } from "../unsaved-changes.js";
import { useWorkspace } from "../workspace.js";

type ApproverRole = "editor" | "admin" | "owner";

interface Environment {
  key: string;
  name: string;
  production: boolean;
  approvals: { required: number; approverRole: ApproverRole };
}

interface Body {
  name?: string;
  production?: boolean;
  approvals?: { required: number; approverRole: ApproverRole };
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
    initialValues: {
      name: environment.name,
      production: environment.production,
      required: environment.approvals.required,
      approverRole: environment.approvals.approverRole,
    },
    validate: { name: (v) => (v.trim() === "" ? "Enter a name" : null) },
  });
  const approvalsChanged =
    form.values.required !== environment.approvals.required ||
    (form.values.required > 0 && form.values.approverRole !== environment.approvals.approverRole);
  const isDirty =
    form.values.name !== environment.name ||
    form.values.production !== environment.production ||
    approvalsChanged;
  useUnsavedChanges(isDirty, `the environment ${environment.key}`);
  const close = () => {
    if (isDirty && !confirmDiscard()) return;
    onClose();
  };
  const save = useMutation({
    mutationFn: (body: Body) =>
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
    if (
      environment.approvals.required > 0 &&
      values.required === 0 &&
      !window.confirm(
        `Changes in ${environment.name} will apply without approval. Stop requiring approvals?`,
      )
    )
      return;
    const body: Body = {};
    if (values.name.trim() !== environment.name) body.name = values.name.trim();
    if (values.production !== environment.production) body.production = values.production;
    if (approvalsChanged)
      body.approvals = { required: values.required, approverRole: values.approverRole };
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
          <NumberInput
            label="Approvals required"
            description="A change to a flag's state here becomes a change request that this many others approve before it applies (0: changes apply at once)"
            min={0}
            max={5}
            allowDecimal={false}
            {...form.getInputProps("required")}
          />
          {form.values.required > 0 && (
            <Select
              label="Who may approve"
              description="At least this role; never the request's author"
              data={[
                { value: "editor", label: "Editors, admins and owners" },
                { value: "admin", label: "Admins and owners" },
                { value: "owner", label: "Owners" },
              ]}
              allowDeselect={false}
              {...form.getInputProps("approverRole")}
            />
          )}
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
