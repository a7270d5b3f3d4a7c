import { Alert, List, Loader, Paper, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, must } from "../api/client.js";
import { describeChange } from "../audit/describe-change.js";
import { useWorkspace } from "../workspace.js";

/** The flag's audit history, newest first, each change in sentences. */
export function FlagAudit({ flagKey }: { flagKey: string }) {
  const ws = useWorkspace();
  const audit = useQuery({
    queryKey: ["audit", ws, flagKey],
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/flags/{flag}/audit", {
          params: { path: { ws, flag: flagKey } },
        }),
      ),
  });
  return (
    <Paper withBorder p="sm">
      <Text fw={500} size="sm" mb="xs">
        History
      </Text>
      {audit.isPending && <Loader size="sm" aria-label="Loading the history" />}
      {audit.error && <Alert color="red">{audit.error.message}</Alert>}
      {audit.data && audit.data.entries.length === 0 && <Text c="dimmed">No changes yet.</Text>}
      {audit.data && audit.data.entries.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>When</Table.Th>
                <Table.Th w={150}>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Environment</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {audit.data.entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{new Date(entry.createdAt).toLocaleString()}</Table.Td>
                  <Table.Td>{entry.actor}</Table.Td>
                  <Table.Td>
                    <List size="sm" spacing={2} listStyleType="none" aria-label="Changes">
                      {describeChange(entry).map((line) => (
                        <List.Item key={line}>{line}</List.Item>
                      ))}
                    </List>
                    {entry.comment && (
                      <Text size="xs" c="dimmed" mt={2}>
                        “{entry.comment}”
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{entry.environmentKey ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
