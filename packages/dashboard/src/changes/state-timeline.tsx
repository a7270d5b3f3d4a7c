import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AllowedButton } from "../access.js";
import { api, must } from "../api/client.js";
import { when } from "../audit/audit-entry.js";
import type { StateChange } from "../flags/flag-types.js";
import { useWorkspace } from "../workspace.js";

/** A scheduled change in words: "Turn on", "Rollout: on 10 %, off 90 %". */
export function describePatch(change: Record<string, unknown>): string {
  const words: string[] = [];
  if (change.enabled !== undefined) words.push(change.enabled ? "Turn on" : "Turn off");
  if (change.onVariant !== undefined) words.push(`serve ${String(change.onVariant)} when on`);
  if (change.offVariant !== undefined) words.push(`serve ${String(change.offVariant)} when off`);
  if (Array.isArray(change.rollout))
    words.push(
      change.rollout.length === 0
        ? "no rollout"
        : `rollout ${(change.rollout as { variant: string; percentage: number }[])
            .map((r) => `${r.variant} ${r.percentage} %`)
            .join(", ")}`,
    );
  if (Array.isArray(change.rules)) words.push(`${change.rules.length} targeting rules`);
  if (change.seed !== undefined || change.reshuffle) words.push("a new seed");
  const text = words.join(", ");
  return text ? `${text[0]?.toUpperCase()}${text.slice(1)}` : "No change";
}

/** The value for a datetime-local input a few minutes from now, in the browser's time. */
const soon = () => {
  const at = new Date(Date.now() + 10 * 60_000);
  at.setSeconds(0, 0);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Asks when a change applies; `onPick` gets the time as ISO 8601. */
export function SchedulePicker({
  title,
  description,
  pending,
  error,
  onPick,
  onCancel,
}: {
  title: string;
  description: string;
  pending: boolean;
  error: string | null;
  onPick: (at: string) => void;
  onCancel: () => void;
}) {
  const [local, setLocal] = useState(soon);
  return (
    <Modal opened onClose={onCancel} title={title}>
      <Stack>
        <Text size="sm">{description}</Text>
        <TextInput
          type="datetime-local"
          label="When (your time)"
          value={local}
          onChange={(e) => setLocal(e.currentTarget.value)}
        />
        {error && (
          <Alert color="red" title="Not scheduled">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Back
          </Button>
          <Button
            loading={pending}
            disabled={!local}
            onClick={() => onPick(new Date(local).toISOString())}
          >
            Schedule
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Schedules a draft of a flag's state as one change at a time. */
export function useScheduleDraft(flag: string, environment: string, onDone: () => void) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ at, change }: { at: string; change: StateChange }) =>
      must(
        api.POST("/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/schedules", {
          params: { path: { ws, flag, env: environment } },
          body: { steps: [{ at, change }] },
        }),
      ),
    onSuccess: async (made) => {
      notifications.show({
        color: "green",
        title: `Scheduled for ${when(made[0]?.at ?? "")}`,
        message: `${flag} in ${environment} changes then; it is listed under the state until it does.`,
      });
      onDone();
      await queries.invalidateQueries({ queryKey: ["schedules", ws] });
    },
  });
}

/**
 * Under a flag's state in an environment: its pending scheduled changes (cancelable) and its
 * versions, each restorable as a new change (a change request where approvals are required).
 */
export function StateTimeline({
  flag,
  environment,
  approvals,
}: {
  flag: string;
  environment: string;
  approvals: number;
}) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const schedules = useQuery({
    queryKey: ["schedules", ws, flag],
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/schedules", {
          params: { path: { ws }, query: { flag } },
        }),
      ),
    refetchInterval: 5000,
  });
  const versions = useQuery({
    queryKey: ["versions", ws, flag, environment],
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/versions", {
          params: { path: { ws, flag, env: environment } },
        }),
      ),
  });
  const refresh = () =>
    Promise.all([
      queries.invalidateQueries({ queryKey: ["schedules", ws] }),
      queries.invalidateQueries({ queryKey: ["versions", ws, flag] }),
      queries.invalidateQueries({ queryKey: ["flag", ws, flag] }),
      queries.invalidateQueries({ queryKey: ["change-requests", ws] }),
      queries.invalidateQueries({ queryKey: ["audit", ws, flag] }),
    ]);
  const cancel = useMutation({
    mutationFn: (id: number) =>
      must(
        api.POST("/api/v1/workspaces/{ws}/schedules/{id}/cancel", { params: { path: { ws, id } } }),
      ),
    onSuccess: refresh,
  });
  const [restoring, setRestoring] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const restore = useMutation({
    mutationFn: (version: number) =>
      must(
        api.POST(
          "/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/versions/{version}/restore",
          {
            params: { path: { ws, flag, env: environment, version } },
            body: comment.trim() ? { comment: comment.trim() } : {},
          },
        ),
      ),
    onSuccess: async (answer, version) => {
      setRestoring(null);
      setComment("");
      notifications.show({
        color: "green",
        message:
          "request" in answer
            ? `Change request #${answer.request.id} opened to restore version ${version}`
            : `Restored version ${version} of ${flag} in ${environment}`,
      });
      await refresh();
    },
  });
  const pending = (schedules.data ?? []).filter(
    (s) => s.environment === environment && (s.status === "pending" || s.status === "failed"),
  );
  const list = versions.data ?? [];
  const current = list[0]?.version;
  return (
    <Stack gap="md" mt="md">
      {pending.length > 0 && (
        <Paper withBorder p="sm" component="section" aria-label="Scheduled changes">
          <Title order={4} size="h5" mb="xs">
            Scheduled changes
          </Title>
          <Stack gap={6}>
            {pending.map((s) => (
              <Group key={s.id} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {when(s.at)} ·{" "}
                  {s.changeRequest ? `change request #${s.changeRequest}` : describePatch(s.change)}{" "}
                  <Text span c="dimmed" size="sm">
                    by {s.author}
                  </Text>
                  {s.status === "failed" && (
                    <Text span c="red" size="sm">
                      {" "}
                      · not applied: {s.failure}
                    </Text>
                  )}
                </Text>
                {s.status === "pending" && (
                  <AllowedButton
                    need="edit"
                    environment={environment}
                    size="xs"
                    variant="subtle"
                    color="red"
                    loading={cancel.isPending && cancel.variables === s.id}
                    onClick={() => cancel.mutate(s.id)}
                  >
                    Cancel
                  </AllowedButton>
                )}
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      <Paper withBorder p="sm" component="section" aria-label="Versions">
        <Title order={4} size="h5" mb="xs">
          Versions
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {list.map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td w={60}>
                    <Badge variant={v.version === current ? "filled" : "light"}>v{v.version}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {v.state.enabled ? "On" : "Off"}
                      {v.state.rollout.length > 0
                        ? ` · rollout ${v.state.rollout.map((r) => `${r.variant} ${r.percentage} %`).join(", ")}`
                        : ` · serves ${v.state.enabled ? v.state.onVariant : v.state.offVariant}`}
                      {v.state.rules.length > 0 ? ` · ${v.state.rules.length} rules` : ""}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {v.changedAt
                        ? `${when(v.changedAt)} by ${v.changedBy}`
                        : "the first version kept"}
                      {v.comment ? ` · “${v.comment}”` : ""}
                    </Text>
                  </Table.Td>
                  <Table.Td w={140} ta="right">
                    {v.version === current ? (
                      <Text size="xs" c="dimmed">
                        current
                      </Text>
                    ) : (
                      <AllowedButton
                        need="edit"
                        environment={environment}
                        size="xs"
                        variant="light"
                        onClick={() => setRestoring(v.version)}
                      >
                        Restore
                      </AllowedButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Modal
        opened={restoring !== null}
        onClose={() => setRestoring(null)}
        title={`Restore version ${restoring} of ${flag} in ${environment}?`}
      >
        <Stack>
          <Text size="sm">
            {approvals > 0
              ? "Changes here need approval: this opens a change request to make that version the state again."
              : "That version becomes the state again, as a new version; SDKs receive it at once."}
          </Text>
          <Textarea
            label="Why (optional)"
            autosize
            minRows={2}
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          {restore.error && (
            <Alert color="red" title="Not restored">
              {restore.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRestoring(null)}>
              Back
            </Button>
            <Button
              loading={restore.isPending}
              onClick={() => restoring !== null && restore.mutate(restoring)}
            >
              {approvals > 0 ? "Request restore" : "Restore"}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
