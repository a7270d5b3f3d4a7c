import { Alert, Button, Code, Group, Loader, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiFailure, api, must } from "../api/client.js";
import type { paths } from "../api/schema.js";

type EventsRoute = paths["/api/v1/workspaces/{ws}/environments/{env}/events"]["get"];
type EventsPage = EventsRoute["responses"][200]["content"]["application/json"];
type EventsQuery = NonNullable<EventsRoute["parameters"]["query"]>;

import { useWorkspace } from "../workspace.js";

interface Filters {
  key: string;
  user: string;
  from: string;
  to: string;
  /** `path=value`: events whose property at the dotted path equals the value. */
  property: string;
}

const EMPTY: Filters = { key: "", user: "", from: "", to: "", property: "" };

/** The query string of the filters (dates as typed, in ISO 8601). */
function queryOf(filters: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of ["key", "user", "from", "to"] as const)
    if (filters[name].trim()) query[name] = filters[name].trim();
  const eq = filters.property.indexOf("=");
  if (eq > 0)
    query[`prop.${filters.property.slice(0, eq).trim()}`] = filters.property.slice(eq + 1);
  return query;
}

/** Raw events with filters, newest pages loaded on demand (cursor pagination). */
export function EventSearch({ env }: { env: string | undefined }) {
  const ws = useWorkspace();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const form = useForm<Filters>({ initialValues: EMPTY });
  const events = useInfiniteQuery({
    queryKey: ["events", ws, env, filters],
    enabled: env !== undefined,
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page: EventsPage) => page.next ?? undefined,
    queryFn: ({ pageParam }) =>
      must<EventsPage>(
        api.GET("/api/v1/workspaces/{ws}/environments/{env}/events", {
          params: {
            path: { ws, env: env as string },
            // prop.<path> filters are open-ended query names, outside the declared ones.
            query: {
              limit: 50,
              ...queryOf(filters),
              ...(pageParam ? { after: pageParam } : {}),
            } as EventsQuery,
          },
        }),
      ),
  });
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const failure = events.error instanceof ApiFailure ? events.error : undefined;
  return (
    <Stack>
      <form onSubmit={form.onSubmit(setFilters)}>
        <Group align="flex-end">
          <TextInput label="Event key" w={170} {...form.getInputProps("key")} />
          <TextInput label="User key" w={170} {...form.getInputProps("user")} />
          <TextInput
            label="From (ISO 8601)"
            placeholder="2026-11-01T00:00:00Z"
            w={200}
            {...form.getInputProps("from")}
            error={failure?.fieldMessage("query.from")}
          />
          <TextInput
            label="To"
            w={200}
            {...form.getInputProps("to")}
            error={failure?.fieldMessage("query.to")}
          />
          <TextInput
            label="Property equals"
            placeholder="plan=pro"
            w={170}
            {...form.getInputProps("property")}
          />
          <Button type="submit">Search</Button>
        </Group>
      </form>
      {events.isPending && env !== undefined && <Loader aria-label="Loading events" />}
      {events.error && !failure?.body.details && <Alert color="red">{events.error.message}</Alert>}
      {events.isSuccess && rows.length === 0 && <Text c="dimmed">No event matches.</Text>}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label="Events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>User</Table.Th>
                <Table.Th>Value</Table.Th>
                <Table.Th>Properties</Table.Th>
                <Table.Th>Source</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{new Date(e.timestamp).toLocaleString()}</Table.Td>
                  <Table.Td ff="monospace">{e.eventKey}</Table.Td>
                  <Table.Td>{e.userKey}</Table.Td>
                  <Table.Td>{e.value ?? "—"}</Table.Td>
                  <Table.Td>
                    {e.properties === null ? "—" : <Code>{JSON.stringify(e.properties)}</Code>}
                  </Table.Td>
                  <Table.Td>{e.source}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {events.hasNextPage && (
        <Group>
          <Button
            variant="light"
            loading={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
