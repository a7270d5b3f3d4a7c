import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AllowedFieldset } from "../access.js";
import { api, must } from "../api/client.js";
import { placeApiErrors } from "../form-errors.js";
import { useUnsavedChanges } from "../unsaved-changes.js";
import { useWorkspace } from "../workspace.js";
import { keyProblem } from "./create-flag.js";
import type { Flag } from "./flag-types.js";
import { parseValue, showValue } from "./flag-types.js";

interface VariantRow {
  /** The variant's id; undefined for a variant added in this draft. */
  id: number | undefined;
  key: string;
  value: string;
}

const rowsOf = (flag: Flag): VariantRow[] =>
  flag.variants.map((v) => ({ id: v.id, key: v.key, value: showValue(v.value) }));

/**
 * A flag's name, description and variants, edited as one draft: nothing is stored until Save,
 * Discard puts the saved values back, and leaving with a draft asks first.
 */
export function FlagDetails({ flag, underTest }: { flag: Flag; underTest: boolean }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const saved = { name: flag.name, description: flag.description, variants: rowsOf(flag) };
  const form = useForm({
    initialValues: saved,
    validate: { variants: { key: keyProblem } },
  });
  const isDirty = JSON.stringify(form.values) !== JSON.stringify(saved);
  useUnsavedChanges(isDirty, `the details of ${flag.key}`);
  const save = useMutation({
    mutationFn: (body: {
      name: string;
      description: string;
      variants: { id?: number; key: string; name?: string; description?: string; value: unknown }[];
    }) =>
      must(
        api.PATCH("/api/v1/workspaces/{ws}/flags/{flag}", {
          params: { path: { ws, flag: flag.key } },
          body,
        }),
      ),
    onSuccess: async (next) => {
      form.setValues({ name: next.name, description: next.description, variants: rowsOf(next) });
      form.resetDirty();
      notifications.show({ color: "green", message: `Saved ${flag.key}` });
      await Promise.all([
        queries.invalidateQueries({ queryKey: ["flag", ws, flag.key] }),
        queries.invalidateQueries({ queryKey: ["flags", ws] }),
        queries.invalidateQueries({ queryKey: ["audit", ws, flag.key] }),
      ]);
    },
    onError: (error) =>
      setFailure(
        placeApiErrors(error, form, (field) =>
          /^variants\.\d+\.(key|value)$/.test(field) ||
          ["name", "description", "variants"].includes(field)
            ? field
            : undefined,
        ),
      ),
  });
  const submit = form.onSubmit((values) => {
    setFailure(null);
    let bad = false;
    const variants = values.variants.map((row, i) => {
      const old = flag.variants.find((v) => v.id === row.id);
      let value: unknown = old?.value;
      if (flag.type !== "boolean") {
        try {
          value = parseValue(flag.type, row.value);
        } catch (error) {
          form.setFieldError(`variants.${i}.value`, (error as Error).message);
          bad = true;
        }
      }
      const key = row.key.trim();
      return {
        ...(row.id !== undefined ? { id: row.id } : {}),
        key,
        // A variant's display name follows its key unless it was set apart from it.
        ...(old && old.name !== old.key ? { name: old.name } : {}),
        ...(old?.description ? { description: old.description } : {}),
        value,
      };
    });
    if (bad) return;
    save.mutate({ name: values.name.trim(), description: values.description.trim(), variants });
  });
  const typed = flag.type !== "boolean";
  return (
    <Paper withBorder p="sm" component="section" aria-label="Details">
      <AllowedFieldset need="edit" explain={false}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={500} size="sm">
                Details
              </Text>
              {isDirty && (
                <Text size="sm" c="orange">
                  Unsaved details
                </Text>
              )}
            </Group>
            {failure && (
              <Alert color="red" title="The flag was not saved">
                {failure}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Name" {...form.getInputProps("name")} />
              <Textarea
                label="Description"
                autosize
                minRows={1}
                {...form.getInputProps("description")}
              />
            </SimpleGrid>
            {flag.warnings.map((warning) => (
              <Alert key={warning} color="yellow" title="SDK fallbacks look like a variant">
                {warning}
              </Alert>
            ))}
            {underTest && (
              <Text size="sm" c="dimmed">
                An experiment runs on this flag: its variants' keys and values stay as they are
                until it stops (a new variant may be added).
              </Text>
            )}
            <Table.ScrollContainer minWidth={420}>
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Variant key</Table.Th>
                    <Table.Th>Value</Table.Th>
                    <Table.Th w={70}>Id</Table.Th>
                    <Table.Th w={40} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {form.values.variants.map((row, i) => (
                    <Table.Tr key={row.id ?? `new-${i}`}>
                      <Table.Td>
                        <TextInput
                          aria-label={`Variant ${i + 1} key`}
                          size="xs"
                          {...form.getInputProps(`variants.${i}.key`)}
                        />
                      </Table.Td>
                      <Table.Td>
                        {typed ? (
                          <TextInput
                            aria-label={`Variant ${i + 1} value`}
                            size="xs"
                            ff="monospace"
                            {...form.getInputProps(`variants.${i}.value`)}
                          />
                        ) : (
                          <Text size="sm" ff="monospace">
                            {row.value}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" c="dimmed" title="Sent to SDKs">
                          {row.id ?? "new"}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {typed && (
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Remove variant ${i + 1}`}
                            disabled={form.values.variants.length <= 1}
                            onClick={() => form.removeListItem("variants", i)}
                          >
                            ✕
                          </ActionIcon>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {typeof form.errors.variants === "string" && (
              <Text c="red" size="sm">
                {form.errors.variants}
              </Text>
            )}
            <Group justify="space-between">
              {typed ? (
                <Button
                  variant="light"
                  size="xs"
                  onClick={() =>
                    form.insertListItem("variants", { id: undefined, key: "", value: "" })
                  }
                >
                  Add variant
                </Button>
              ) : (
                <span />
              )}
              <Group gap="xs">
                <Button
                  variant="default"
                  disabled={!isDirty}
                  onClick={() => {
                    form.setValues(saved);
                    form.clearErrors();
                    setFailure(null);
                  }}
                >
                  Discard
                </Button>
                <Button type="submit" disabled={!isDirty} loading={save.isPending}>
                  Save details
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </AllowedFieldset>
    </Paper>
  );
}
