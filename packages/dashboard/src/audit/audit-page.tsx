import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import { ActionBadge, type AuditEntry, AuditEntryDetails, when } from "./audit-entry.js";

const PAGE_SIZE = 50;

/** A page of the log after `before` (an entry id), the whole workspace's or one flag's. */
function fetchPage(ws: string, flag: string | null, before: number | undefined) {
  const query = { limit: PAGE_SIZE, ...(before !== undefined ? { before } : {}) };
  return must(
    flag
      ? api.GET("/api/v1/workspaces/{ws}/flags/{flag}/audit", {
          params: { path: { ws, flag }, query },
        })
      : api.GET("/api/v1/workspaces/{ws}/audit", { params: { path: { ws }, query } }),
  );
}

/** The flag keys to filter by; without `archived` the API lists archived flags too. */
function useFlagKeys(ws: string) {
  return useQuery({
    queryKey: ["audit-flag-keys", ws],
    queryFn: async () => {
      const { flags } = await must(
        api.GET("/api/v1/workspaces/{ws}/flags", {
          params: { path: { ws }, query: { limit: 500 } },
        }),
      );
      return flags.map((f) => f.key);
    },
  });
}

/** Every change in the workspace, newest first, a page at a time; details per entry. */
export function AuditPage() {
  const ws = useWorkspace();
  // The flag filter belongs to the workspace it was chosen in; another workspace starts unfiltered.
  const [filter, setFilter] = useState<{ ws: string; flag: string } | null>(null);
  const flag = filter?.ws === ws ? filter.flag : null;
  const flagKeys = useFlagKeys(ws);
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const [detailsOpened, details] = useDisclosure();
  const log = useInfiniteQuery({
    queryKey: ["audit-log", ws, flag ?? ""],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => fetchPage(ws, flag, pageParam),
    getNextPageParam: (last) => last.next ?? undefined,
  });
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  const open = (entry: AuditEntry) => {
    setSelected(entry);
    details.open();
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Audit log</Title>
        <Button variant="default" onClick={() => log.refetch()} loading={log.isRefetching}>
          Refresh
        </Button>
      </Group>
      <Group align="flex-end">
        <Select
          label="Flag"
          placeholder="All changes"
          data={flagKeys.data ?? []}
          value={flag}
          onChange={(value) => setFilter(value ? { ws, flag: value } : null)}
          searchable
          clearable
          nothingFoundMessage="No such flag"
          w={280}
        />
        <Text size="sm" c="dimmed" pb={6}>
          {log.isSuccess &&
            `${entries.length} ${entries.length === 1 ? "entry" : "entries"} shown, newest first`}
        </Text>
      </Group>
      {log.isPending && <Loader aria-label="Loading the audit log" />}
      {log.error && (
        <Alert color="red" title="The audit log could not be loaded">
          {log.error.message}
        </Alert>
      )}
      {log.isSuccess && entries.length === 0 && (
        <Text c="dimmed">
          {flag
            ? `No changes to ${flag} yet.`
            : "No changes yet: every change will be listed here."}
        </Text>
      )}
      {entries.length > 0 && (
        <Table.ScrollContainer minWidth={980}>
          {/* Fixed columns: rows loaded later keep the widths of the first page. */}
          <Table striped highlightOnHover layout="fixed" aria-label="Audit entries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={185}>When</Table.Th>
                <Table.Th w={205}>Who</Table.Th>
                <Table.Th w={180}>Action</Table.Th>
                <Table.Th>Resource</Table.Th>
                <Table.Th w={110}>Environment</Table.Th>
                <Table.Th w={90} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{when(entry.createdAt)}</Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{entry.actor}</Table.Td>
                  <Table.Td>
                    <ActionBadge action={entry.action} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {entry.resourceType}
                    </Text>
                    <Code style={{ overflowWrap: "anywhere" }}>{entry.resourceKey}</Code>
                  </Table.Td>
                  <Table.Td>{entry.environmentKey ?? "—"}</Table.Td>
                  <Table.Td>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      aria-label={`Details of entry ${entry.id}`}
                      onClick={() => open(entry)}
                    >
                      Details
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="light"
            onClick={() => log.fetchNextPage()}
            loading={log.isFetchingNextPage}
          >
            Load more
          </Button>
        </Group>
      ) : (
        entries.length > 0 && (
          <Text size="sm" c="dimmed" ta="center">
            This is the beginning of the log.
          </Text>
        )
      )}
      <AuditEntryDetails entry={selected} opened={detailsOpened} onClose={details.close} />
    </Stack>
  );
}
