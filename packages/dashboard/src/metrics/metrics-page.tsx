import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { AllowedButton } from "../access.js";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import { MetricForm } from "./metric-form.js";
import { describeFilter, type Metric } from "./metric-types.js";

/** The workspace's metrics: what experiments measure. */
export function MetricsPage() {
  const ws = useWorkspace();
  const [editing, setEditing] = useState<Metric | "new" | null>(null);
  const metrics = useQuery({
    queryKey: ["metrics", ws],
    queryFn: () => must(api.GET("/api/v1/workspaces/{ws}/metrics", { params: { path: { ws } } })),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Metrics</Title>
        <AllowedButton need="edit" onClick={() => setEditing("new")}>
          Create metric
        </AllowedButton>
      </Group>
      {metrics.isPending && <Loader aria-label="Loading metrics" />}
      {metrics.error && <Alert color="red">{metrics.error.message}</Alert>}
      {metrics.data?.metrics.length === 0 && (
        <Text c="dimmed">
          No metrics yet. A metric turns an event into a per-user figure: a conversion rate, or a
          count, sum or average of the event's value or of a numeric property.
        </Text>
      )}
      {metrics.data && metrics.data.metrics.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label="Metrics">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Metric</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Value</Table.Th>
                <Table.Th>Filters</Table.Th>
                <Table.Th>Better when it</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {metrics.data.metrics.map((m) => (
                <Table.Tr key={m.key}>
                  <Table.Td>
                    <Text>{m.name || m.key}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {m.key}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{m.kind}</Badge>
                  </Table.Td>
                  <Table.Td ff="monospace">{m.eventKey}</Table.Td>
                  <Table.Td>
                    {m.kind === "conversion" || m.kind === "count"
                      ? "—"
                      : m.valuePath
                        ? `property ${m.valuePath}`
                        : "event value"}
                  </Table.Td>
                  <Table.Td>{m.filters.map(describeFilter).join("; ") || "—"}</Table.Td>
                  <Table.Td>{m.direction === "increase" ? "increases" : "decreases"}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setEditing(m)}>
                      Edit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <MetricForm
          metric={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
