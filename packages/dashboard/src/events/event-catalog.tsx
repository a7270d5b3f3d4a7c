import { Alert, Badge, Code, Group, Loader, Table, Text } from "@mantine/core";
import { useCatalog } from "../metrics/use-catalog.js";

/** Every event key seen in the environment, with counts, value statistics and property types. */
export function EventCatalog({ env }: { env: string | undefined }) {
  const catalog = useCatalog(env);
  if (catalog.isPending) return <Loader aria-label="Loading the catalog" />;
  if (catalog.error) return <Alert color="red">{catalog.error.message}</Alert>;
  if (catalog.data.events.length === 0)
    return <Text c="dimmed">No events yet. They appear here as soon as an SDK tracks one.</Text>;
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped aria-label="Event catalog" verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Total</Table.Th>
            <Table.Th>Last 24 h</Table.Th>
            <Table.Th>Value (count · min · mean · max)</Table.Th>
            <Table.Th>Properties</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {catalog.data.events.map((e) => (
            <Table.Tr key={e.eventKey}>
              <Table.Td ff="monospace">{e.eventKey}</Table.Td>
              <Table.Td>{e.total.toLocaleString()}</Table.Td>
              <Table.Td>{e.last24h.toLocaleString()}</Table.Td>
              <Table.Td>
                {e.value
                  ? `${e.value.count.toLocaleString()} · ${e.value.min} · ${round(e.value.mean)} · ${e.value.max}`
                  : "—"}
              </Table.Td>
              <Table.Td>
                {Object.keys(e.properties).length === 0
                  ? "—"
                  : Object.entries(e.properties).map(([path, profile]) => (
                      <Group key={path} gap={6} wrap="nowrap">
                        <Code>{path}</Code>
                        {profile.types.map((t) => (
                          <Badge key={t} size="xs" variant="light">
                            {t}
                          </Badge>
                        ))}
                        <Text size="xs" c="dimmed" truncate maw={220}>
                          {examplesOf(profile)
                            .map((x) => JSON.stringify(x))
                            .join(", ")}
                        </Text>
                      </Group>
                    ))}
              </Table.Td>
              <Table.Td>{new Date(e.lastSeen).toLocaleString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * A property's example values. The API sends `examples`; the OpenAPI document loses the field
 * (the swagger plugin reads a property named like the JSON Schema keyword as that keyword).
 */
function examplesOf(profile: { types: string[] }): unknown[] {
  const examples = (profile as { examples?: unknown }).examples;
  return Array.isArray(examples) ? examples : [];
}
