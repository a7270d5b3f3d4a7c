import { Alert, Anchor, Badge, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "wouter";
import { AllowedButton } from "../access.js";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import { CreateExperiment } from "./create-experiment.js";
import { STATUS_COLOR } from "./experiment-types.js";

/** The workspace's experiments, with their status. */
export function ExperimentsPage() {
  const ws = useWorkspace();
  const [creating, setCreating] = useState(false);
  const experiments = useQuery({
    queryKey: ["experiments", ws],
    queryFn: () =>
      must(api.GET("/api/v1/workspaces/{ws}/experiments", { params: { path: { ws } } })),
  });
  const list = experiments.data?.experiments ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Experiments</Title>
        <AllowedButton need="edit" onClick={() => setCreating(true)}>
          Create experiment
        </AllowedButton>
      </Group>
      {experiments.isPending && <Loader aria-label="Loading experiments" />}
      {experiments.error && <Alert color="red">{experiments.error.message}</Alert>}
      {experiments.isSuccess && list.length === 0 && (
        <Text c="dimmed">
          No experiments yet. An experiment compares a flag's variants on your metrics.
        </Text>
      )}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label="Experiments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Experiment</Table.Th>
                <Table.Th>Flag</Table.Th>
                <Table.Th>Environment</Table.Th>
                <Table.Th>Primary metric</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Started</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((x) => (
                <Table.Tr key={x.key}>
                  <Table.Td>
                    <Anchor component={Link} to={`/experiments/${encodeURIComponent(x.key)}`}>
                      {x.name || x.key}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace">{x.flag}</Table.Td>
                  <Table.Td>{x.environment}</Table.Td>
                  <Table.Td>{x.primaryMetric}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[x.status]}>{x.status}</Badge>
                  </Table.Td>
                  <Table.Td>{x.startedAt ? new Date(x.startedAt).toLocaleString() : "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {creating && <CreateExperiment onClose={() => setCreating(false)} />}
    </Stack>
  );
}
