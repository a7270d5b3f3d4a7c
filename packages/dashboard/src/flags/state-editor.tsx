import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { AllowedFieldset } from "../access.js";
import { api, must } from "../api/client.js";
import { SchedulePicker, useScheduleDraft } from "../changes/state-timeline.js";
import { placeApiErrors } from "../form-errors.js";
import { useUnsavedChanges } from "../unsaved-changes.js";
import { useWorkspace } from "../workspace.js";
import {
  ATTRIBUTES,
  type Clause,
  type EnvironmentState,
  type Flag,
  OPERATORS,
  type Rule,
  type StateChange,
} from "./flag-types.js";
import { ProductionConfirm } from "./production-confirm.js";

interface Values {
  enabled: boolean;
  onVariant: string;
  offVariant: string;
  rules: Rule[];
  useRollout: boolean;
  rollout: Record<string, number>;
  reshuffle: boolean;
}

const newClause = (): Clause => ({ attribute: "KEY", operator: "IOO", values: [] });

function initialValues(flag: Flag, state: EnvironmentState): Values {
  return {
    enabled: state.enabled,
    onVariant: state.onVariant,
    offVariant: state.offVariant,
    rules: state.rules.map((r) => ({
      id: r.id,
      name: r.name,
      variant: r.variant,
      clauses: r.clauses.map((c) => ({ ...c, values: [...c.values] })),
    })),
    useRollout: state.rollout.length > 0,
    rollout: Object.fromEntries(
      flag.variants.map((v) => [
        v.key,
        state.rollout.find((r) => r.variant === v.key)?.percentage ?? 0,
      ]),
    ),
    reshuffle: false,
  };
}

/** Rounded to what percentages can carry, so 33.3 + 33.3 + 33.4 shows as 100. */
const total = (rollout: Record<string, number>) =>
  Math.round(Object.values(rollout).reduce((sum, p) => sum + (Number(p) || 0), 0) * 1e6) / 1e6;

/**
 * One environment's state as one draft: the on/off switch, what is served while off and on,
 * ordered targeting rules (first match wins), then a percentage rollout or the on variant.
 * Nothing is saved until Save, so switching the flag on never drops unsaved rules. Saved
 * together, with the version read, so a concurrent change is refused rather than overwritten.
 */
export function StateEditor(props: {
  flag: Flag;
  environment: string;
  state: EnvironmentState;
  /** Saving asks for confirmation (and a comment) first. */
  isProduction: boolean;
  /** Approvals a change needs here: saving then opens a change request instead. */
  approvals: number;
}) {
  return <Editor key={props.environment} {...props} />;
}

function Editor({
  flag,
  environment,
  state,
  isProduction,
  approvals,
}: {
  flag: Flag;
  environment: string;
  state: EnvironmentState;
  isProduction: boolean;
  approvals: number;
}) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  // The version the draft started from: saving it refuses a change made since (409) rather
  // than overwriting it.
  const base = useRef(state.version);
  // The change waiting for the production confirmation, if any.
  const [pending, setPending] = useState<StateChange | null>(null);
  const variants = flag.variants.map((v) => ({ value: v.key, label: v.key }));
  const form = useForm<Values>({
    initialValues: initialValues(flag, state),
    validate: {
      rollout: (rollout, values) =>
        values.useRollout && total(rollout) !== 100
          ? `Percentages must total 100 (they total ${total(rollout)})`
          : null,
      rules: {
        variant: (v) => (v ? null : "Choose a variant"),
        clauses: {
          values: (v) => (v.length === 0 ? "Add at least one value" : null),
        },
      },
    },
  });
  const adopt = (next: EnvironmentState) => {
    base.current = next.version;
    const values = initialValues(flag, next);
    form.setInitialValues(values);
    form.setValues(values);
  };
  // A newer version from the server (another tab) replaces the form unless it holds a draft,
  // which is kept: saving it then reports the conflict instead of dropping anybody's work.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new version matters
  useEffect(() => {
    if (state.version > base.current && !form.isDirty()) adopt(state);
  }, [state.version]);
  /** A refused save or request: the server's field errors placed on the form. */
  const failed = (error: Error) => {
    setPending(null);
    setFailure(
      placeApiErrors(
        error,
        form,
        (field) => {
          if (field.startsWith("rollout")) return "rollout";
          if (field === "onVariant" || field === "offVariant") return field;
          const rule = /^rules\.\d+\.(variant|clauses\.\d+\.\w+)$/.exec(field);
          return rule ? field : undefined;
        },
        "Fix the fields marked below.",
      ),
    );
  };
  const save = useMutation({
    mutationFn: (body: StateChange) =>
      must(
        api.PATCH("/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}", {
          params: { path: { ws, flag: flag.key, env: environment } },
          body,
        }),
      ),
    onSuccess: async (saved) => {
      setPending(null);
      adopt(saved as EnvironmentState);
      notifications.show({ color: "green", message: `Saved ${flag.key} in ${environment}` });
      await Promise.all([
        queries.invalidateQueries({ queryKey: ["flag", ws, flag.key] }),
        queries.invalidateQueries({ queryKey: ["flags", ws] }),
        queries.invalidateQueries({ queryKey: ["audit", ws, flag.key] }),
      ]);
    },
    onError: failed,
  });
  const request = useMutation({
    mutationFn: (body: StateChange) =>
      must(
        api.POST("/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/change-requests", {
          params: { path: { ws, flag: flag.key, env: environment } },
          body,
        }),
      ),
    onSuccess: async (opened) => {
      setPending(null);
      // The proposal lives in the request now; the form shows the state as it is.
      form.reset();
      notifications.show({
        color: "green",
        title: `Change request #${opened.id} opened`,
        message: `It applies to ${flag.key} in ${environment} once approved (Change requests).`,
      });
      await queries.invalidateQueries({ queryKey: ["change-requests", ws] });
    },
    onError: failed,
  });
  /** The draft as the change the API takes, made against the version it started from. */
  const toChange = (values: Values): StateChange => ({
    expectedVersion: base.current,
    enabled: values.enabled,
    onVariant: values.onVariant,
    offVariant: values.offVariant,
    rules: values.rules.map((r) => ({
      ...(r.id !== undefined ? { id: r.id } : {}),
      name: r.name ?? "",
      variant: r.variant,
      clauses: r.clauses.map((c) => ({
        attribute: c.attribute,
        ...(c.attribute === "CUSTOM" ? { customAttribute: c.customAttribute ?? "" } : {}),
        operator: c.operator,
        values: c.values,
      })),
    })),
    rollout: values.useRollout
      ? flag.variants
          .map((v) => ({ variant: v.key, percentage: Number(values.rollout[v.key]) || 0 }))
          .filter((r) => r.percentage > 0)
      : [],
    ...(values.reshuffle ? { reshuffle: true } : {}),
  });
  const submit = form.onSubmit(
    (values) => {
      setFailure(null);
      const change = toChange(values);
      if (isProduction || approvals > 0) setPending(change);
      else save.mutate(change);
    },
    () => setFailure("Fix the fields marked below; nothing was saved."),
  );
  // The draft waiting for its time, when it is being scheduled.
  const [scheduling, setScheduling] = useState<StateChange | null>(null);
  const schedule = useScheduleDraft(flag.key, environment, () => {
    setScheduling(null);
    form.reset();
  });
  const askWhen = () => {
    const checked = form.validate();
    if (checked.hasErrors) {
      setFailure("Fix the fields marked below; nothing was scheduled.");
      return;
    }
    // Only what the draft changes: a schedule conflicts only with changes to those settings.
    const draft = toChange(form.values);
    const saved = toChange(form.getInitialValues());
    const change = Object.fromEntries(
      Object.entries(draft).filter(
        ([field, value]) =>
          field !== "expectedVersion" &&
          JSON.stringify(value) !== JSON.stringify(saved[field as keyof StateChange]),
      ),
    ) as StateChange;
    setScheduling(change);
  };
  useUnsavedChanges(form.isDirty(), `${flag.key} in ${environment}`);
  const sum = total(form.values.rollout);
  return (
    <AllowedFieldset need="edit" environment={environment}>
      <form onSubmit={submit} noValidate>
        {scheduling && (
          <SchedulePicker
            title={`Schedule this change to ${flag.key} in ${environment}`}
            description="The draft applies at that time, once; if someone changes the same settings before, it is not applied and says why."
            pending={schedule.isPending}
            error={schedule.error?.message ?? null}
            onCancel={() => setScheduling(null)}
            onPick={(at) => schedule.mutate({ at, change: scheduling })}
          />
        )}
        {pending && (
          <ProductionConfirm
            flagKey={flag.key}
            environment={environment}
            approvals={approvals}
            isSaving={save.isPending || request.isPending}
            onCancel={() => setPending(null)}
            onConfirm={(comment) =>
              (approvals > 0 ? request : save).mutate({
                ...pending,
                ...(comment ? { comment } : {}),
              })
            }
          />
        )}
        <Stack>
          {failure && (
            <Alert color="red" title="Not saved">
              {failure}
            </Alert>
          )}
          <Group justify="space-between" gap="xs">
            <Switch
              size="md"
              label={
                form.values.enabled
                  ? "On: rules and rollout decide"
                  : "Off: everyone gets the off variant"
              }
              {...form.getInputProps("enabled", { type: "checkbox" })}
            />
            {form.isDirty() && (
              <Badge color="yellow" variant="light">
                Unsaved changes
              </Badge>
            )}
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Served when off"
              data={variants}
              allowDeselect={false}
              {...form.getInputProps("offVariant")}
            />
            <Select
              label="Served when on (no rule matches, no rollout)"
              data={variants}
              allowDeselect={false}
              {...form.getInputProps("onVariant")}
            />
          </Group>

          <Paper withBorder p="sm">
            <Group justify="space-between" mb="xs">
              <Text fw={500}>Targeting rules</Text>
              <Text size="xs" c="dimmed">
                Checked in order; the first rule whose conditions all hold serves its variant.
              </Text>
            </Group>
            <Stack>
              {form.values.rules.length === 0 && (
                <Text c="dimmed" size="sm">
                  No rules.
                </Text>
              )}
              {form.values.rules.map((rule, i) => (
                <Paper
                  key={rule.id ?? `new-${i}`}
                  withBorder
                  p="sm"
                  bg="var(--mantine-color-default-hover)"
                  aria-label={`Rule ${i + 1}`}
                >
                  <Stack gap="xs">
                    <Group justify="space-between" wrap="nowrap">
                      <TextInput
                        aria-label={`Rule ${i + 1} name`}
                        placeholder={`Rule ${i + 1}`}
                        {...form.getInputProps(`rules.${i}.name`)}
                      />
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Move rule ${i + 1} up`}
                          disabled={i === 0}
                          onClick={() => form.reorderListItem("rules", { from: i, to: i - 1 })}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          aria-label={`Move rule ${i + 1} down`}
                          disabled={i === form.values.rules.length - 1}
                          onClick={() => form.reorderListItem("rules", { from: i, to: i + 1 })}
                        >
                          ↓
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete rule ${i + 1}`}
                          onClick={() => form.removeListItem("rules", i)}
                        >
                          ✕
                        </ActionIcon>
                      </Group>
                    </Group>
                    {rule.clauses.map((clause, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: conditions are positional fields
                      <Group key={j} align="flex-start" wrap="wrap" gap="xs">
                        <Text size="sm" mt={6} w={36}>
                          {j === 0 ? "If" : "and"}
                        </Text>
                        <Select
                          aria-label={`Rule ${i + 1} condition ${j + 1} attribute`}
                          data={ATTRIBUTES}
                          allowDeselect={false}
                          w={160}
                          {...form.getInputProps(`rules.${i}.clauses.${j}.attribute`)}
                        />
                        {clause.attribute === "CUSTOM" && (
                          <TextInput
                            aria-label={`Rule ${i + 1} condition ${j + 1} custom attribute`}
                            placeholder="plan"
                            w={120}
                            {...form.getInputProps(`rules.${i}.clauses.${j}.customAttribute`)}
                          />
                        )}
                        <Select
                          aria-label={`Rule ${i + 1} condition ${j + 1} operator`}
                          data={OPERATORS}
                          allowDeselect={false}
                          w={210}
                          {...form.getInputProps(`rules.${i}.clauses.${j}.operator`)}
                        />
                        <TagsInput
                          aria-label={`Rule ${i + 1} condition ${j + 1} values`}
                          placeholder="Type a value, press Enter"
                          style={{ flex: 1, minWidth: 200 }}
                          {...form.getInputProps(`rules.${i}.clauses.${j}.values`)}
                        />
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          mt={4}
                          aria-label={`Remove rule ${i + 1} condition ${j + 1}`}
                          disabled={rule.clauses.length <= 1}
                          onClick={() => form.removeListItem(`rules.${i}.clauses`, j)}
                        >
                          ✕
                        </ActionIcon>
                      </Group>
                    ))}
                    <Group justify="space-between">
                      <Button
                        variant="subtle"
                        size="xs"
                        onClick={() => form.insertListItem(`rules.${i}.clauses`, newClause())}
                      >
                        Add condition
                      </Button>
                      <Select
                        aria-label={`Rule ${i + 1} variant`}
                        label="Serve"
                        data={variants}
                        w={200}
                        {...form.getInputProps(`rules.${i}.variant`)}
                      />
                    </Group>
                  </Stack>
                </Paper>
              ))}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  onClick={() =>
                    form.insertListItem("rules", {
                      name: "",
                      variant: flag.variants[0]?.key ?? "",
                      clauses: [newClause()],
                    })
                  }
                >
                  Add rule
                </Button>
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p="sm">
            <Checkbox
              label="Percentage rollout for everyone no rule matched"
              {...form.getInputProps("useRollout", { type: "checkbox" })}
            />
            {form.values.useRollout && (
              <Stack gap="xs" mt="sm">
                <Group gap="sm" align="flex-end">
                  {flag.variants.map((v) => (
                    <NumberInput
                      key={v.key}
                      label={v.key}
                      aria-label={`Rollout ${v.key}`}
                      suffix="%"
                      min={0}
                      max={100}
                      decimalScale={4}
                      w={120}
                      value={form.values.rollout[v.key] ?? 0}
                      onChange={(value) => {
                        form.setFieldValue(`rollout.${v.key}`, Number(value) || 0);
                        form.clearFieldError("rollout");
                      }}
                    />
                  ))}
                </Group>
                {typeof form.errors.rollout === "string" ? (
                  <Text c="red" size="sm" role="alert">
                    {form.errors.rollout}
                  </Text>
                ) : (
                  <Text size="sm" c={sum === 100 ? "dimmed" : "red"} role="status">
                    Total {sum}%{sum === 100 ? "" : " — percentages must total 100"}
                  </Text>
                )}
              </Stack>
            )}
            <Group mt="sm" gap="xs">
              <Text size="sm" c="dimmed">
                Seed <Code>{state.seed}</Code>
              </Text>
              <Checkbox
                size="xs"
                label="Draw a new seed (users are bucketed anew)"
                {...form.getInputProps("reshuffle", { type: "checkbox" })}
              />
            </Group>
          </Paper>

          <Group justify="flex-end">
            <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
              Discard changes
            </Button>
            {approvals === 0 && (
              <Button variant="default" onClick={askWhen} disabled={!form.isDirty()}>
                Schedule…
              </Button>
            )}
            <Button
              type="submit"
              loading={save.isPending || request.isPending}
              disabled={!form.isDirty()}
            >
              {approvals > 0 ? "Request changes" : `Save ${environment}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </AllowedFieldset>
  );
}
