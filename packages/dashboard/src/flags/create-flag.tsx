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

/** A key from a name: lower case, words joined by '-', only the characters keys allow. */
export function keyFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+|-+$/g, "")
    .slice(0, 64);
}

/** What a key must be, in words; null when it is fine (the server checks the same). */
export function keyProblem(key: string): string | null {
  if (key.trim() === "") return "Enter a key";
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(key.trim()))
    return "Start with a letter or digit and use only letters, digits, '.', '_' and '-' (no spaces)";
  return null;
}

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
      onVariant: "control",
      offVariant: "control",
    },
    validate: {
      key: keyProblem,
      variants: { key: keyProblem },
    },
  });
  // The key follows the name until it is edited by hand.
  const [keyEdited, setKeyEdited] = useState(false);
  const variantKeys = form.values.variants.map((v) => v.key.trim()).filter((k) => k !== "");
  const served = (chosen: string) => (variantKeys.includes(chosen) ? chosen : variantKeys[0]);
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
      const onVariant = served(values.onVariant);
      const offVariant = served(values.offVariant);
      if (onVariant) body.onVariant = onVariant;
      if (offVariant) body.offVariant = offVariant;
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
          <TextInput
            label="Name"
            placeholder="Register button copy"
            data-autofocus
            {...form.getInputProps("name")}
            onChange={(event) => {
              const name = event.currentTarget.value;
              form.setFieldValue("name", name);
              if (!keyEdited) form.setFieldValue("key", keyFromName(name));
            }}
          />
          <Group grow align="flex-start">
            <TextInput
              label="Key"
              description="Used in code; cannot change later"
              placeholder="register-button-copy"
              required
              {...form.getInputProps("key")}
              onChange={(event) => {
                setKeyEdited(true);
                form.setFieldValue("key", event.currentTarget.value);
              }}
              onBlur={() => form.validateField("key")}
            />
            <Select
              label="Type"
              description="Of the values the SDKs return"
              data={TYPES}
              allowDeselect={false}
              {...form.getInputProps("type")}
            />
          </Group>
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
              <Group grow align="flex-start">
                <Select
                  label="Served when on"
                  description="to users no rule or rollout picks"
                  data={variantKeys}
                  allowDeselect={false}
                  value={served(form.values.onVariant) ?? null}
                  onChange={(value) => value && form.setFieldValue("onVariant", value)}
                />
                <Select
                  label="Served when off"
                  description="to everyone while the flag is off"
                  data={variantKeys}
                  allowDeselect={false}
                  value={served(form.values.offVariant) ?? null}
                  onChange={(value) => value && form.setFieldValue("offVariant", value)}
                />
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
