import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocation } from "wouter";
import { api, must } from "../api/client.js";
import { placeApiErrors } from "../form-errors.js";
import { useWorkspace } from "../workspace.js";
import { type FlagType, type NewFlag, parseValue } from "./flag-types.js";

interface VariantRow {
  key: string;
  value: string;
}

const TYPES: { value: FlagType; label: string }[] = [
  { value: "boolean", label: "Boolean" },
  { value: "string", label: "String" },
  { value: "number", label: "Number" },
  { value: "json", label: "JSON" },
];

/** The create-flag dialog: key, name, type and typed variants; API errors go to their fields. */
export function CreateFlag({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      key: "",
      name: "",
      description: "",
      tags: [] as string[],
      type: "string" as FlagType,
      variants: [
        { key: "control", value: "" },
        { key: "treatment", value: "" },
      ] as VariantRow[],
    },
    validate: {
      key: (v) => (v.trim() === "" ? "Enter a key" : null),
    },
  });
  const create = useMutation({
    mutationFn: (body: NewFlag) =>
      must(api.POST("/api/v1/workspaces/{ws}/flags", { params: { path: { ws } }, body })),
    onSuccess: async (flag) => {
      await queries.invalidateQueries({ queryKey: ["flags", ws] });
      form.reset();
      onClose();
      navigate(`/flags/${encodeURIComponent(flag.key)}`);
    },
    onError: (error) =>
      setFailure(
        placeApiErrors(error, form, (field) => {
          if (/^tags(\.\d+)?$/.test(field)) return "tags";
          return /^variants\.\d+\.(key|value)$/.test(field) ||
            ["key", "name", "description", "type", "variants"].includes(field)
            ? field
            : undefined;
        }),
      ),
  });
  const submit = form.onSubmit((values) => {
    setFailure(null);
    const body: NewFlag = {
      key: values.key.trim(),
      type: values.type,
      ...(values.name.trim() ? { name: values.name.trim() } : {}),
      ...(values.description.trim() ? { description: values.description.trim() } : {}),
      ...(values.tags.length > 0 ? { tags: values.tags } : {}),
    };
    if (values.type !== "boolean") {
      const variants: NonNullable<NewFlag["variants"]> = [];
      let bad = false;
      values.variants.forEach((v, i) => {
        try {
          variants.push({ key: v.key.trim(), value: parseValue(values.type, v.value) });
        } catch (error) {
          form.setFieldError(`variants.${i}.value`, (error as Error).message);
          bad = true;
        }
      });
      if (bad) return;
      body.variants = variants;
    }
    create.mutate(body);
  });
  const typed = form.values.type !== "boolean";
  return (
    <Modal opened={opened} onClose={onClose} title="Create a flag" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" title="The flag was not created">
              {failure}
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput
              label="Key"
              placeholder="register-button-copy"
              required
              data-autofocus
              {...form.getInputProps("key")}
            />
            <Select
              label="Type"
              data={TYPES}
              allowDeselect={false}
              {...form.getInputProps("type")}
            />
          </Group>
          <TextInput
            label="Name"
            placeholder="Register button copy"
            {...form.getInputProps("name")}
          />
          <Textarea
            label="Description"
            autosize
            minRows={1}
            {...form.getInputProps("description")}
          />
          <TagsInput
            label="Tags"
            placeholder="team:payments, press Enter"
            {...form.getInputProps("tags")}
          />
          {typed ? (
            <Stack gap="xs">
              <Text fw={500} size="sm">
                Variants
              </Text>
              {form.values.variants.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional form fields
                <Group key={i} align="flex-start" wrap="nowrap">
                  <TextInput
                    aria-label={`Variant ${i + 1} key`}
                    placeholder="key"
                    {...form.getInputProps(`variants.${i}.key`)}
                  />
                  <TextInput
                    aria-label={`Variant ${i + 1} value`}
                    placeholder={form.values.type === "json" ? '{"color": "blue"}' : "value"}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`variants.${i}.value`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={4}
                    aria-label={`Remove variant ${i + 1}`}
                    disabled={form.values.variants.length <= 1}
                    onClick={() => form.removeListItem("variants", i)}
                  >
                    ✕
                  </ActionIcon>
                </Group>
              ))}
              {typeof form.errors.variants === "string" && (
                <Text c="red" size="sm">
                  {form.errors.variants}
                </Text>
              )}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => form.insertListItem("variants", { key: "", value: "" })}
                >
                  Add variant
                </Button>
              </Group>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              A boolean flag has the variants on (true) and off (false).
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create flag
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
