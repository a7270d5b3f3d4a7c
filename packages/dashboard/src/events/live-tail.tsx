import { Badge, Button, Code, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useWorkspace } from "../workspace.js";
import { type LiveFilters, useLiveTail } from "./live-stream.js";

const STATUS_COLOR = { connecting: "yellow", live: "green", error: "red" } as const;

/** Events and impressions as they are committed, filterable, with pause. */
export function LiveTail({ env }: { env: string | undefined }) {
  const ws = useWorkspace();
  const [filters, setFilters] = useState<LiveFilters>({ event: "", flag: "", user: "" });
  const [debounced] = useDebouncedValue(filters, 300);
  const [paused, setPaused] = useState(false);
  const tail = useLiveTail(ws, env, debounced, paused);
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
          {tail.status === "live"
            ? "Live"
            : tail.status === "connecting"
              ? "Connecting"
              : "Reconnecting"}
        </Badge>
        {paused && tail.missed > 0 && <Text size="sm">{tail.missed} new while paused</Text>}
      </Group>
      {tail.items.length === 0 ? (
        <Text c="dimmed">Waiting for events and impressions… Send one with an SDK's track().</Text>
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
              {tail.items.map((item, i) => (
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
                        variant {item.variantId ?? "unknown"}
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
