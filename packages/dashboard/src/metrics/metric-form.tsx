import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../api/client.js";
import { placeApiErrors } from "../form-errors.js";
import { useWorkspace } from "../workspace.js";
import { MetricPreviewChart } from "./metric-preview.js";
import {
  FILTER_OPERATORS,
  KINDS,
  type Metric,
  type MetricFilter,
  type MetricKind,
  type NewMetric,
  parseScalar,
  showScalar,
} from "./metric-types.js";
import { useCatalog } from "./use-catalog.js";

interface FilterRow {
  property: string;
  operator: MetricFilter["operator"];
  /** One value, or for `in` several separated by commas. */
  value: string;
}

interface Values {
  key: string;
  name: string;
  description: string;
  kind: MetricKind;
  eventKey: string;
  /** Empty: the event's value. */
  valuePath: string;
  filters: FilterRow[];
  direction: "increase" | "decrease";
}

function valuesOf(metric: Metric | undefined): Values {
  return {
    key: metric?.key ?? "",
    name: metric?.name ?? "",
    description: metric?.description ?? "",
    kind: metric?.kind ?? "conversion",
    eventKey: metric?.eventKey ?? "",
    valuePath: metric?.valuePath ?? "",
    filters: (metric?.filters ?? []).map((f) => ({
      property: f.property,
      operator: f.operator,
      value:
        f.operator === "in"
          ? (f.values ?? []).map(showScalar).join(", ")
          : f.operator === "exists"
            ? ""
            : showScalar(f.value),
    })),
    direction: metric?.direction ?? "increase",
  };
}

function filtersOf(rows: FilterRow[]): MetricFilter[] {
  return rows.map((r) => {
    if (r.operator === "exists") return { property: r.property.trim(), operator: r.operator };
    if (r.operator === "in")
      return {
        property: r.property.trim(),
        operator: r.operator,
        values: r.value.split(",").map(parseScalar),
      };
    return { property: r.property.trim(), operator: r.operator, value: parseScalar(r.value) };
  });
}

/** The definition as the API takes it (without key, name and description). */
export function definitionOf(v: Values) {
  const valued = v.kind === "sum" || v.kind === "average";
  return {
    kind: v.kind,
    eventKey: v.eventKey.trim(),
    ...(valued && v.valuePath.trim() ? { valuePath: v.valuePath.trim() } : {}),
    filters: filtersOf(v.filters),
  };
}

/**
 * Create or edit a metric: the event, how it becomes a per-user figure, filters and the better
 * direction, with a preview of the last 7 days. API errors go to their fields.
 */
export function MetricForm({
  metric,
  onClose,
}: {
  metric: Metric | undefined;
  onClose: () => void;
}) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [env, setEnv] = useState<string | undefined>(undefined);
  const catalog = useCatalog(env);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: valuesOf(metric),
    validate: {
      key: (v) => (metric || v.trim() ? null : "Enter a key"),
      eventKey: (v) => (v.trim() ? null : "Choose the event"),
      filters: { property: (v) => (v.trim() ? null : "Enter a property path") },
    },
  });
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const definition = definitionOf(v);
      const common = {
        ...definition,
        valuePath: definition.valuePath ?? null,
        name: v.name.trim(),
        description: v.description.trim(),
        direction: v.direction,
      };
      if (metric)
        return must(
          api.PATCH("/api/v1/workspaces/{ws}/metrics/{metric}", {
            params: { path: { ws, metric: metric.key } },
            body: common,
          }),
        );
      const body: NewMetric = { key: v.key.trim(), ...common };
      return must(api.POST("/api/v1/workspaces/{ws}/metrics", { params: { path: { ws } }, body }));
    },
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ["metrics", ws] });
      onClose();
    },
    onError: (error) =>
      setFailure(
        placeApiErrors(error, form, (field) => {
          const path = field.replace(/^(filters\.\d+)\.values?(\.\d+)?$/, "$1.value");
          return /^(key|name|eventKey|valuePath|kind|direction)$|^filters\.\d+\.(property|operator|value)$/.test(
            path,
          )
            ? path
            : undefined;
        }),
      ),
  });
  const valued = form.values.kind === "sum" || form.values.kind === "average";
  const kindHelp = KINDS.find((k) => k.value === form.values.kind)?.help;
  const numericPaths = Object.entries(
    catalog.data?.events.find((e) => e.eventKey === form.values.eventKey)?.properties ?? {},
  )
    .filter(([, p]) => p.types.includes("number"))
    .map(([path]) => path);
  return (
    <Modal
      opened
      onClose={onClose}
      title={metric ? `Edit ${metric.key}` : "Create a metric"}
      size="xl"
    >
      <form
        onSubmit={form.onSubmit((v) => {
          setFailure(null);
          save.mutate(v);
        })}
        noValidate
      >
        <Stack>
          {failure && (
            <Alert color="red" title="Not saved">
              {failure}
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput
              label="Key"
              required
              disabled={!!metric}
              placeholder="avg-page-load"
              {...form.getInputProps("key")}
            />
            <TextInput
              label="Name"
              placeholder="Average page load time"
              {...form.getInputProps("name")}
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Kind
            </Text>
            <SegmentedControl
              data={KINDS.map(({ value, label }) => ({ value, label }))}
              {...form.getInputProps("kind")}
            />
            <Text size="xs" c="dimmed">
              {kindHelp}
            </Text>
          </Stack>
          <Group grow align="flex-start">
            <Autocomplete
              label="Event"
              required
              placeholder="page_load_time"
              data={(catalog.data?.events ?? []).map((e) => e.eventKey)}
              {...form.getInputProps("eventKey")}
            />
            {valued ? (
              <Autocomplete
                label="Value"
                description="Empty: the event's value; or a numeric property path"
                placeholder="event value"
                data={numericPaths}
                {...form.getInputProps("valuePath")}
              />
            ) : (
              <div />
            )}
          </Group>
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              Filters (all must hold)
            </Text>
            {form.values.filters.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional form fields
              <Group key={i} align="flex-start" wrap="nowrap">
                <TextInput
                  aria-label={`Filter ${i + 1} property`}
                  placeholder="plan"
                  {...form.getInputProps(`filters.${i}.property`)}
                />
                <Select
                  aria-label={`Filter ${i + 1} operator`}
                  data={FILTER_OPERATORS}
                  allowDeselect={false}
                  w={150}
                  {...form.getInputProps(`filters.${i}.operator`)}
                  onChange={(operator) => {
                    form.setFieldValue(`filters.${i}.operator`, operator as FilterRow["operator"]);
                    form.clearFieldError(`filters.${i}.value`);
                  }}
                />
                {f.operator !== "exists" && (
                  <TextInput
                    aria-label={`Filter ${i + 1} value`}
                    placeholder={f.operator === "in" ? "pro, team" : 'pro, 5, true or "5"'}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`filters.${i}.value`)}
                  />
                )}
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  aria-label={`Remove filter ${i + 1}`}
                  onClick={() => form.removeListItem("filters", i)}
                >
                  ✕
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="light"
                size="xs"
                onClick={() =>
                  form.insertListItem("filters", { property: "", operator: "equals", value: "" })
                }
              >
                Add filter
              </Button>
            </Group>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Better when it
            </Text>
            <SegmentedControl
              data={[
                { value: "increase", label: "Increases" },
                { value: "decrease", label: "Decreases" },
              ]}
              {...form.getInputProps("direction")}
            />
          </Stack>
          <MetricPreviewChart env={env} onEnv={setEnv} definition={definitionOf(form.values)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {metric ? "Save metric" : "Create metric"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
