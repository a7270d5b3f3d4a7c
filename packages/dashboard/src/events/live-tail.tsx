import { Badge, Button, Code, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import { KEEP, type LiveFilters, passes, useLiveTail } from "./live-stream.js";

/** The variant keys of the flags shown, by flag key and variant id (loaded once per flag). */
function useVariantKeys(ws: string, flagKeys: string[]): (flag: string, id: number) => string {
  const flags = useQueries({
    queries: flagKeys.map((flag) => ({
      queryKey: ["flag", ws, flag],
      queryFn: () =>
        must(api.GET("/api/v1/workspaces/{ws}/flags/{flag}", { params: { path: { ws, flag } } })),
      staleTime: 60_000,
      retry: false,
    })),
  });
  return (flag, id) => {
    const found = flags[flagKeys.indexOf(flag)]?.data?.variants.find((v) => v.id === id);
    return found ? found.key : `#${id}`;
  };
}

const STATUS_COLOR = { connecting: "yellow", live: "green", error: "red" } as const;

/** Events and impressions as they are committed, filterable, with pause. */
export function LiveTail({ env }: { env: string | undefined }) {
  const ws = useWorkspace();
  const [filters, setFilters] = useState<LiveFilters>({ event: "", flag: "", user: "" });
  const [debounced] = useDebouncedValue(filters, 300);
  const [paused, setPaused] = useState(false);
  const tail = useLiveTail(ws, env, debounced, paused);
  // Items shown before a filter changed are filtered here; new ones by the server.
  const shown = tail.items.filter((item) => passes(item, debounced));
  const variantKey = useVariantKeys(ws, [
    ...new Set(shown.flatMap((item) => (item.kind === "impression" ? [item.flagKey] : []))),
  ]);
  const field = (name: keyof LiveFilters, label: string) => (
    <TextInput
      label={label}
      w={180}
      value={filters[name]}
      onChange={(e) => setFilters({ ...filters, [name]: e.currentTarget.value })}
    />
  );
  return (
    <Stack>
      <Group align="flex-end">
        {field("event", "Event key")}
        {field("user", "User key")}
        {field("flag", "Flag key")}
        <Button
          variant={paused ? "filled" : "default"}
          onClick={() => {
            if (paused) tail.resumed();
            setPaused(!paused);
          }}
        >
          {paused ? "Resume" : "Pause"}
        </Button>
        <Button variant="subtle" onClick={tail.clear}>
          Clear
        </Button>
        <Badge color={STATUS_COLOR[tail.status]} variant="light" role="status">
          {paused
            ? "Paused"
            : tail.status === "live"
              ? "Live"
              : tail.status === "connecting"
                ? "Connecting"
                : "Reconnecting"}
        </Badge>
        {paused && (
          <Text size="sm">
            {tail.missed > 0
              ? `${tail.missed} new while paused: Resume shows the next ones`
              : "New items are not shown while paused"}
          </Text>
        )}
      </Group>
      {tail.items.length >= KEEP && (
        <Text size="sm" c="dimmed">
          Showing the latest {KEEP}; older ones drop off. Search events for all of them.
        </Text>
      )}
      {shown.length === 0 ? (
        <Text c="dimmed">
          {tail.items.length === 0
            ? "Waiting for events and impressions… Send one with an SDK's track()."
            : "Nothing shown matches the filters; new matches appear as they arrive."}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label="Live events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Key</Table.Th>
                <Table.Th>User</Table.Th>
                <Table.Th>Value</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((item, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the tail has no ids; order is stable
                <Table.Tr key={i}>
                  <Table.Td>{new Date(item.timestamp).toLocaleTimeString()}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={item.kind === "event" ? "indigo" : "teal"}>
                      {item.kind}
                    </Badge>
                  </Table.Td>
                  <Table.Td ff="monospace">
                    {item.kind === "event" ? item.eventKey : item.flagKey}
                  </Table.Td>
                  <Table.Td>{item.userKey}</Table.Td>
                  <Table.Td>{JSON.stringify(item.value)}</Table.Td>
                  <Table.Td>
                    {item.kind === "event" ? (
                      item.properties === null ? (
                        "—"
                      ) : (
                        <Code>{JSON.stringify(item.properties)}</Code>
                      )
                    ) : (
                      <Text size="sm">
                        variant{" "}
                        {item.variantId === null
                          ? "unknown"
                          : variantKey(item.flagKey, item.variantId)}
                        {item.reason ? ` · ${item.reason}` : ""}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
