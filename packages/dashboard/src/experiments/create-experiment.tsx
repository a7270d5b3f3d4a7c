import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocation } from "wouter";
import { api, must } from "../api/client.js";
import { placeApiErrors } from "../form-errors.js";
import { useEnvironments, useWorkspace } from "../workspace.js";
import type { NewExperiment } from "./experiment-types.js";

interface Values {
  key: string;
  name: string;
  flag: string;
  environment: string;
  baseline: string;
  variants: string[];
  primaryMetric: string;
  secondaryMetrics: string[];
  hypothesis: string;
  cuped: boolean;
  sequential: boolean;
  correction: "none" | "bonferroni" | "holm" | "benjamini-hochberg";
  alpha: number;
}

const CORRECTIONS = [
  { value: "holm", label: "Holm" },
  { value: "benjamini-hochberg", label: "Benjamini–Hochberg" },
  { value: "bonferroni", label: "Bonferroni" },
  { value: "none", label: "None" },
];

/** Create an experiment: a flag's variants compared on metrics, with a hypothesis. */
export function CreateExperiment({ onClose }: { onClose: () => void }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const environments = useEnvironments();
  const [failure, setFailure] = useState<string | null>(null);
  const flags = useQuery({
    // Not the flag list's key: that one holds pages of flags.
    queryKey: ["flag-choices", ws],
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/flags", {
          params: { path: { ws }, query: { limit: 200 } },
        }),
      ),
  });
  const metrics = useQuery({
    queryKey: ["metrics", ws],
    queryFn: () => must(api.GET("/api/v1/workspaces/{ws}/metrics", { params: { path: { ws } } })),
  });
  const form = useForm<Values>({
    initialValues: {
      key: "",
      name: "",
      flag: "",
      environment: environments[0]?.key ?? "",
      baseline: "",
      variants: [],
      primaryMetric: "",
      secondaryMetrics: [],
      hypothesis: "",
      cuped: true,
      sequential: true,
      correction: "holm",
      alpha: 0.05,
    },
    validate: {
      key: (v) => (v.trim() ? null : "Enter a key"),
      flag: (v) => (v ? null : "Choose the flag"),
      environment: (v) => (v ? null : "Choose the environment"),
      baseline: (v) => (v ? null : "Choose the baseline variant"),
      primaryMetric: (v) => (v ? null : "Choose the primary metric"),
    },
  });
  const flag = flags.data?.flags.find((f) => f.key === form.values.flag);
  const variantKeys = (flag?.variants ?? []).map((v) => ({
    value: v.key,
    label: `${v.key} (${JSON.stringify(v.value)})`,
  }));
  const metricOptions = (metrics.data?.metrics ?? []).map((m) => ({
    value: m.key,
    label: m.name || m.key,
  }));
  const create = useMutation({
    mutationFn: (body: NewExperiment) =>
      must(api.POST("/api/v1/workspaces/{ws}/experiments", { params: { path: { ws } }, body })),
    onSuccess: async (experiment) => {
      await queries.invalidateQueries({ queryKey: ["experiments", ws] });
      onClose();
      navigate(`/experiments/${encodeURIComponent(experiment.key)}`);
    },
    onError: (error) =>
      setFailure(
        placeApiErrors(error, form, (field) => {
          const path = field.replace(/\.\d+$/, "");
          return path in form.values ? path : undefined;
        }),
      ),
  });
  const submit = form.onSubmit((v) => {
    setFailure(null);
    create.mutate({
      key: v.key.trim(),
      flag: v.flag,
      environment: v.environment,
      baseline: v.baseline,
      primaryMetric: v.primaryMetric,
      ...(v.name.trim() ? { name: v.name.trim() } : {}),
      ...(v.hypothesis.trim() ? { hypothesis: v.hypothesis.trim() } : {}),
      ...(v.variants.length > 0 ? { variants: v.variants } : {}),
      secondaryMetrics: v.secondaryMetrics,
      settings: {
        cuped: v.cuped,
        sequential: v.sequential,
        correction: v.correction,
        alpha: v.alpha,
      },
    });
  });
  return (
    <Modal opened onClose={onClose} title="Create an experiment" size="xl">
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" title="Not created">
              {failure}
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput
              label="Key"
              required
              placeholder="register-copy-test"
              {...form.getInputProps("key")}
            />
            <TextInput
              label="Name"
              placeholder="Register button copy"
              {...form.getInputProps("name")}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Flag"
              required
              searchable
              data={(flags.data?.flags ?? []).map((f) => ({
                value: f.key,
                label: f.name || f.key,
              }))}
              {...form.getInputProps("flag")}
              onChange={(v) => {
                form.setFieldValue("flag", v ?? "");
                const first = flags.data?.flags.find((f) => f.key === v)?.variants[0]?.key ?? "";
                form.setFieldValue("baseline", first);
                form.setFieldValue("variants", []);
              }}
            />
            <Select
              label="Environment"
              required
              allowDeselect={false}
              data={environments.map((e) => ({ value: e.key, label: e.name }))}
              {...form.getInputProps("environment")}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Baseline"
              required
              data={variantKeys}
              {...form.getInputProps("baseline")}
            />
            <MultiSelect
              label="Compared variants"
              placeholder="Every other variant"
              data={variantKeys.filter((v) => v.value !== form.values.baseline)}
              {...form.getInputProps("variants")}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Primary metric"
              required
              data={metricOptions}
              {...form.getInputProps("primaryMetric")}
            />
            <MultiSelect
              label="Secondary metrics"
              data={metricOptions.filter((m) => m.value !== form.values.primaryMetric)}
              {...form.getInputProps("secondaryMetrics")}
            />
          </Group>
          <Textarea
            label="Hypothesis"
            placeholder="“Join Now” gets more sign-ups than “Register”, without slowing the page"
            autosize
            minRows={2}
            {...form.getInputProps("hypothesis")}
          />
          <Group align="flex-end">
            <Switch
              label="CUPED variance reduction"
              {...form.getInputProps("cuped", { type: "checkbox" })}
            />
            <Switch
              label="Sequential testing (safe to peek)"
              {...form.getInputProps("sequential", { type: "checkbox" })}
            />
            <Select
              label="Correction"
              w={200}
              allowDeselect={false}
              data={CORRECTIONS}
              {...form.getInputProps("correction")}
            />
            <NumberInput
              label="Alpha"
              w={100}
              min={0.001}
              max={0.2}
              step={0.01}
              decimalScale={3}
              {...form.getInputProps("alpha")}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create experiment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
