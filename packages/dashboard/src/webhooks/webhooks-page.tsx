import {
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AllowedButton, useRefusal } from "../access.js";
import { ShownOnce } from "../account/token-dialogs.js";
import { api, must } from "../api/client.js";
import type { paths } from "../api/schema.js";
import { when } from "../audit/audit-entry.js";
import { useUnsavedChanges } from "../unsaved-changes.js";
import { useWorkspace } from "../workspace.js";

/** The events the API takes (a list it does not know fails the typecheck). */
type ApiEvent =
  paths["/api/v1/workspaces/{ws}/webhooks"]["post"]["requestBody"]["content"]["application/json"]["events"][number];

const EVENTS = [
  "flag.created",
  "flag.changed",
  "flag.archived",
  "change_request.opened",
  "change_request.approved",
  "change_request.applied",
  "schedule.applied",
  "schedule.failed",
  "experiment.started",
  "experiment.stopped",
  "experiment.srm_detected",
  "metric.verdict_changed",
] as const satisfies readonly ApiEvent[];
type Event = (typeof EVENTS)[number];

const STATUS_COLOR = { pending: "yellow", delivered: "green", failed: "red" } as const;

/**
 * The workspace's webhooks: where its changes are sent, signed; each webhook's deliveries with
 * their attempts (status code, latency), and Resend.
 */
export function WebhooksPage() {
  const ws = useWorkspace();
  const refusal = useRefusal("manage");
  const hooks = useQuery({
    queryKey: ["webhooks", ws],
    queryFn: () => must(api.GET("/api/v1/workspaces/{ws}/webhooks", { params: { path: { ws } } })),
    enabled: refusal === null,
  });
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Webhooks</Title>
        <AllowedButton need="manage" onClick={() => setCreating(true)}>
          New webhook
        </AllowedButton>
      </Group>
      <Text size="sm" c="dimmed">
        Each event is POSTed as JSON (or Slack's {"{ text }"}) with{" "}
        <Code>x-flagsync-signature: t=…,v1=…</Code>: HMAC-SHA256 of <Code>t.body</Code> with the
        webhook's secret. Failed deliveries are retried with growing waits for a day.
      </Text>
      {refusal && <Text c="dimmed">{refusal}</Text>}
      {hooks.isLoading && <Loader aria-label="Loading the webhooks" />}
      {hooks.error && (
        <Alert color="red" title="The webhooks could not be loaded">
          {hooks.error.message}
        </Alert>
      )}
      {hooks.data?.length === 0 && <Text c="dimmed">No webhooks yet.</Text>}
      {hooks.data?.map((hook) => (
        <WebhookCard key={hook.id} hook={hook} />
      ))}
      {creating && (
        <CreateWebhook
          onClose={() => setCreating(false)}
          onCreated={(made) => {
            setCreating(false);
            setSecret(made);
          }}
        />
      )}
      <ShownOnce
        title="The webhook's signing secret"
        secret={secret}
        onDone={() => setSecret(null)}
      />
    </Stack>
  );
}

function CreateWebhook({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (secret: string) => void;
}) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("https://");
  const [events, setEvents] = useState<Event[]>(["flag.changed"]);
  const [format, setFormat] = useState<"json" | "slack">("json");
  useUnsavedChanges(name !== "" || url !== "https://", "a new webhook");
  const create = useMutation({
    mutationFn: () =>
      must(
        api.POST("/api/v1/workspaces/{ws}/webhooks", {
          params: { path: { ws } },
          body: { name: name.trim(), url: url.trim(), events, format },
        }),
      ),
    onSuccess: async (made) => {
      await queries.invalidateQueries({ queryKey: ["webhooks", ws] });
      onCreated(made.secret);
    },
  });
  return (
    <Modal opened onClose={onClose} title="New webhook" size="lg">
      <Stack>
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput
          label="URL"
          description="Receives a POST per event"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <MultiSelect
          label="Events"
          data={[...EVENTS]}
          value={events}
          onChange={(value) => setEvents(value as Event[])}
        />
        <Select
          label="Format"
          data={[
            { value: "json", label: "JSON (the event, before and after, the actor)" },
            { value: "slack", label: 'Slack-compatible {"text": …}' },
          ]}
          value={format}
          allowDeselect={false}
          onChange={(value) => value && setFormat(value as "json" | "slack")}
        />
        {create.error && (
          <Alert color="red" title="Not made">
            {create.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={create.isPending}
            disabled={name.trim() === "" || events.length === 0}
            onClick={() => create.mutate()}
          >
            Create webhook
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type Hook = {
  id: number;
  name: string;
  url: string;
  events: string[];
  format: "json" | "slack";
  active: boolean;
};

function WebhookCard({ hook }: { hook: Hook }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [removing, setRemoving] = useState(false);
  const deliveries = useQuery({
    queryKey: ["webhook-deliveries", ws, hook.id],
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/webhooks/{id}/deliveries", {
          params: { path: { ws, id: hook.id } },
        }),
      ),
    refetchInterval: 3000,
  });
  const resend = useMutation({
    mutationFn: (delivery: number) =>
      must(
        api.POST("/api/v1/workspaces/{ws}/webhooks/{id}/deliveries/{delivery}/resend", {
          params: { path: { ws, id: hook.id, delivery } },
        }),
      ),
    onSuccess: async () => {
      notifications.show({ color: "green", message: `Sent again to ${hook.name}` });
      await queries.invalidateQueries({ queryKey: ["webhook-deliveries", ws, hook.id] });
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      must(
        api.DELETE("/api/v1/workspaces/{ws}/webhooks/{id}", {
          params: { path: { ws, id: hook.id } },
        }),
      ),
    onSuccess: async () => {
      setRemoving(false);
      await queries.invalidateQueries({ queryKey: ["webhooks", ws] });
    },
  });
  return (
    <Paper withBorder p="md" component="section" aria-label={`Webhook ${hook.name}`}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <Stack gap={2}>
          <Group gap="xs">
            <Text fw={600}>{hook.name}</Text>
            <Badge variant="light">{hook.format}</Badge>
            {!hook.active && <Badge color="gray">paused</Badge>}
          </Group>
          <Anchor href={hook.url} size="sm" target="_blank" rel="noreferrer">
            {hook.url}
          </Anchor>
          <Text size="xs" c="dimmed">
            {hook.events.join(", ")}
          </Text>
        </Stack>
        <AllowedButton
          need="manage"
          size="xs"
          variant="subtle"
          color="red"
          onClick={() => setRemoving(true)}
        >
          Delete
        </AllowedButton>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={`Deliveries of ${hook.name}`} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Last answer</Table.Th>
              <Table.Th>Sent</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(deliveries.data ?? []).slice(0, 20).map((d) => {
              const last = d.attempts.at(-1);
              return (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Code>{d.event}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[d.status]} variant="light">
                      {d.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{d.attempts.length}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {last
                        ? `${last.statusCode ?? last.error ?? "—"} · ${last.latencyMs} ms`
                        : d.nextAttemptAt
                          ? "waiting"
                          : "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {when(d.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <AllowedButton
                      need="manage"
                      size="xs"
                      variant="subtle"
                      loading={resend.isPending && resend.variables === d.id}
                      onClick={() => resend.mutate(d.id)}
                    >
                      Resend
                    </AllowedButton>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {deliveries.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          No deliveries yet: the next matching change sends one.
        </Text>
      )}
      <Modal opened={removing} onClose={() => setRemoving(false)} title={`Delete ${hook.name}?`}>
        <Stack>
          <Text size="sm">
            It stops receiving events at once; its deliveries are deleted with it.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(false)}>
              Cancel
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              Delete webhook
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
