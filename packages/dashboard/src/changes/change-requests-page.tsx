import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { useMe } from "../access.js";
import { api, must } from "../api/client.js";
import type { paths } from "../api/schema.js";
import { when } from "../audit/audit-entry.js";
import { describeChange } from "../audit/describe-change.js";
import { useUrlState } from "../url-state.js";
import { useWorkspace } from "../workspace.js";
import { SchedulePicker } from "./state-timeline.js";

export type ChangeRequest =
  paths["/api/v1/workspaces/{ws}/change-requests/{id}"]["get"]["responses"][200]["content"]["application/json"];

const STATUS_COLOR: Record<ChangeRequest["status"], string> = {
  open: "blue",
  applied: "green",
  rejected: "red",
  cancelled: "gray",
};

/**
 * Changes to flags in environments that require approvals: each request's change in words
 * (before → after), its approvals, and Approve / Reject / Apply / Cancel as the viewer may.
 */
export function ChangeRequestsPage() {
  const ws = useWorkspace();
  const [status, setStatus] = useUrlState("status", "open");
  const requests = useQuery({
    queryKey: ["change-requests", ws, status],
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/change-requests", {
          params: {
            path: { ws },
            query: status === "open" ? { status: "open" } : {},
          },
        }),
      ),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Change requests</Title>
        <SegmentedControl
          aria-label="Which requests"
          value={status}
          onChange={setStatus}
          data={[
            { value: "open", label: "Open" },
            { value: "all", label: "All" },
          ]}
        />
      </Group>
      <Text size="sm" c="dimmed">
        In an environment that requires approvals, a change to a flag becomes a request here. It
        applies once others approved its current proposal; if the flag changes meanwhile, its
        approvals no longer count until its author updates it.
      </Text>
      {requests.isPending && <Loader aria-label="Loading the change requests" />}
      {requests.error && (
        <Alert color="red" title="The change requests could not be loaded">
          {requests.error.message}
        </Alert>
      )}
      {requests.data?.length === 0 && (
        <Text c="dimmed">
          {status === "open" ? "No open change requests." : "No change requests yet."}
        </Text>
      )}
      {requests.data?.map((request) => (
        <RequestCard key={request.id} request={request} />
      ))}
    </Stack>
  );
}

type Action = "approve" | "reject" | "apply" | "cancel";

const ACTION_WORDS: Record<Action, { button: string; done: string }> = {
  approve: { button: "Approve", done: "Approved" },
  reject: { button: "Reject", done: "Rejected" },
  apply: { button: "Apply", done: "Applied" },
  cancel: { button: "Cancel request", done: "Cancelled" },
};

function RequestCard({ request }: { request: ChangeRequest }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const me = useMe().data;
  const mine = me?.name === request.author;
  const [asking, setAsking] = useState<"approve" | "reject" | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const schedule = useMutation({
    mutationFn: (at: string) =>
      must(
        api.POST("/api/v1/workspaces/{ws}/change-requests/{id}/schedule", {
          params: { path: { ws, id: request.id } },
          body: { at },
        }),
      ),
    onSuccess: async (made) => {
      setScheduling(false);
      notifications.show({
        color: "green",
        message: `Change request #${request.id} applies at ${when(made.at)}`,
      });
      await queries.invalidateQueries({ queryKey: ["schedules", ws] });
    },
  });
  const [comment, setComment] = useState("");
  const act = useMutation({
    mutationFn: ({ action, text }: { action: Action; text?: string }) => {
      const path = { ws, id: request.id };
      const body = text ? { comment: text } : {};
      if (action === "approve")
        return must(
          api.POST("/api/v1/workspaces/{ws}/change-requests/{id}/approve", {
            params: { path },
            body,
          }),
        );
      if (action === "reject")
        return must(
          api.POST("/api/v1/workspaces/{ws}/change-requests/{id}/reject", {
            params: { path },
            body,
          }),
        );
      if (action === "apply")
        return must(
          api.POST("/api/v1/workspaces/{ws}/change-requests/{id}/apply", { params: { path } }),
        );
      return must(
        api.POST("/api/v1/workspaces/{ws}/change-requests/{id}/cancel", { params: { path } }),
      );
    },
    onSuccess: async (_, { action }) => {
      setAsking(null);
      setComment("");
      notifications.show({
        color: "green",
        message: `${ACTION_WORDS[action].done} change request #${request.id}`,
      });
      await Promise.all([
        queries.invalidateQueries({ queryKey: ["change-requests", ws] }),
        queries.invalidateQueries({ queryKey: ["flag", ws, request.flag] }),
        queries.invalidateQueries({ queryKey: ["flags", ws] }),
      ]);
    },
  });
  const changes = describeChange({
    action: "flag.state.updated",
    before: request.before,
    after: request.after,
  });
  const { valid, required, approverRole } = request.approvals;
  const ready = valid >= required && !request.stale;
  const open = request.status === "open";
  return (
    <Paper withBorder p="md" component="section" aria-label={`Change request ${request.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Text fw={600}>#{request.id}</Text>
              <Anchor component={Link} to={`/flags/${encodeURIComponent(request.flag)}`}>
                {request.flag}
              </Anchor>
              <Text>in {request.environment}</Text>
              <Badge color={STATUS_COLOR[request.status]} variant="light">
                {request.status}
              </Badge>
              {request.stale && (
                <Badge color="orange" variant="light">
                  flag changed since
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              by {request.author}, {when(request.createdAt)}
              {request.closedBy ? ` · ${request.status} by ${request.closedBy}` : ""}
            </Text>
          </Stack>
          {open && (
            <Group gap="xs">
              <Button
                size="xs"
                variant="light"
                disabled={mine}
                title={mine ? "No one approves their own request" : undefined}
                onClick={() => setAsking("approve")}
              >
                Approve
              </Button>
              <Button
                size="xs"
                variant="light"
                color="red"
                disabled={mine}
                onClick={() => setAsking("reject")}
              >
                Reject
              </Button>
              <Button
                size="xs"
                disabled={!ready}
                loading={act.isPending && act.variables?.action === "apply"}
                onClick={() => act.mutate({ action: "apply" })}
              >
                Apply
              </Button>
              <Button
                size="xs"
                variant="default"
                disabled={!ready}
                onClick={() => setScheduling(true)}
              >
                Schedule…
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                loading={act.isPending && act.variables?.action === "cancel"}
                onClick={() => act.mutate({ action: "cancel" })}
              >
                Cancel request
              </Button>
            </Group>
          )}
        </Group>
        {request.comment && <Text size="sm">“{request.comment}”</Text>}
        <List size="sm" aria-label="What changes">
          {changes.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        <Text size="sm" c={ready || !open ? "dimmed" : "orange"}>
          {valid} of {required} approval{required === 1 ? "" : "s"} (by {approverRole}s or above)
          {request.stale
            ? " · the flag changed since this request was made: its author updates it before it can apply"
            : ""}
        </Text>
        {request.reviews.length > 0 && (
          <List size="sm" aria-label="Reviews">
            {request.reviews.map((review) => (
              <List.Item key={`${review.reviewer}-${review.createdAt}`}>
                <Text size="sm" c={review.void ? "dimmed" : undefined} span>
                  {review.decision === "approved" ? "Approved" : "Rejected"} by {review.reviewer}
                  {review.comment ? `: “${review.comment}”` : ""}
                  {review.void ? " (an earlier proposal: no longer counts)" : ""}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        {act.error && (
          <Alert color="red" title="Not done">
            {act.error.message}
          </Alert>
        )}
      </Stack>
      {scheduling && (
        <SchedulePicker
          title={`Apply change request #${request.id} at a time`}
          description="It applies then, once, if its approvals still hold; otherwise it is not applied and says why."
          pending={schedule.isPending}
          error={schedule.error?.message ?? null}
          onCancel={() => setScheduling(false)}
          onPick={(at) => schedule.mutate(at)}
        />
      )}
      <Modal
        opened={asking !== null}
        onClose={() => setAsking(null)}
        title={`${asking === "approve" ? "Approve" : "Reject"} change request #${request.id}`}
      >
        <Stack>
          <List size="sm">
            {changes.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          <Textarea
            label="Comment (optional)"
            autosize
            minRows={2}
            maxLength={1000}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              Back
            </Button>
            <Button
              color={asking === "reject" ? "red" : "blue"}
              loading={act.isPending}
              onClick={() => asking && act.mutate({ action: asking, text: comment.trim() })}
            >
              {asking === "reject" ? "Reject" : "Approve"}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

/** On a flag's page: its open requests in an environment, linked to where they are reviewed. */
export function OpenRequestsNotice({ flag, environment }: { flag: string; environment: string }) {
  const ws = useWorkspace();
  const requests = useQuery({
    queryKey: ["change-requests", ws, "open", flag],
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/change-requests", {
          params: { path: { ws }, query: { status: "open", flag } },
        }),
      ),
  });
  const here = (requests.data ?? []).filter((r) => r.environment === environment);
  if (here.length === 0) return null;
  return (
    <Alert color="blue" variant="light" mb="sm" title="Waiting for approval">
      {here.map((r) => (
        <Text size="sm" key={r.id}>
          #{r.id} by {r.author}: {r.approvals.valid} of {r.approvals.required} approvals
          {r.stale ? " (the flag changed since)" : ""}.{" "}
          <Anchor component={Link} to="/change-requests">
            Review
          </Anchor>
        </Text>
      ))}
    </Alert>
  );
}
