import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { api, must } from "../api/client.js";
import type { paths } from "../api/schema.js";
import { useEnvironments, useWorkspace } from "../workspace.js";
import { CreateFlag } from "./create-flag.js";

type FlagPage =
  paths["/api/v1/workspaces/{ws}/flags"]["get"]["responses"][200]["content"]["application/json"];

const PAGE = 50;

/** A page of flags at a time: the list renders fast however many flags there are. */
export function flagListQuery(ws: string, search: string) {
  return infiniteQueryOptions({
    queryKey: ["flags", ws, search],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: FlagPage) => page.next ?? undefined,
    queryFn: ({ pageParam }) =>
      must(
        api.GET("/api/v1/workspaces/{ws}/flags", {
          params: {
            path: { ws },
            query: {
              limit: PAGE,
              ...(search ? { search } : {}),
              ...(pageParam ? { after: pageParam } : {}),
            },
          },
        }),
      ),
  });
}

/** Every flag of the workspace with its on/off status per environment; search by key or name. */
export function FlagsPage() {
  const ws = useWorkspace();
  const environments = useEnvironments();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [creating, setCreating] = useState(false);
  const flags = useInfiniteQuery(flagListQuery(ws, debounced));
  const list = flags.data?.pages.flatMap((p) => p.flags) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Flags</Title>
        <Button onClick={() => setCreating(true)}>Create flag</Button>
      </Group>
      <TextInput
        aria-label="Search flags"
        placeholder="Search by key or name"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={360}
      />
      {flags.isPending && <Loader aria-label="Loading flags" />}
      {flags.error && (
        <Alert color="red" title="The flags could not be loaded">
          {flags.error.message}
        </Alert>
      )}
      {flags.isSuccess && list.length === 0 && (
        <Text c="dimmed">
          {debounced ? `No flag matches “${debounced}”.` : "No flags yet. Create the first one."}
        </Text>
      )}
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Flag</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Variants</Table.Th>
                {environments.map((env) => (
                  <Table.Th key={env.key}>{env.name}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((flag) => (
                <Table.Tr key={flag.key}>
                  <Table.Td>
                    <Anchor component={Link} to={`/flags/${encodeURIComponent(flag.key)}`}>
                      {flag.name || flag.key}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {flag.key}
                    </Text>
                  </Table.Td>
                  <Table.Td>{flag.type}</Table.Td>
                  <Table.Td>{flag.variants.length}</Table.Td>
                  {environments.map((env) => {
                    const on = flag.environments[env.key]?.enabled ?? false;
                    return (
                      <Table.Td key={env.key}>
                        <Badge color={on ? "green" : "gray"} variant={on ? "filled" : "light"}>
                          {on ? "On" : "Off"}
                        </Badge>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {flags.hasNextPage && (
        <Group>
          <Button
            variant="light"
            loading={flags.isFetchingNextPage}
            onClick={() => void flags.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
      <CreateFlag opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
