import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "wouter";
import { api, must } from "../api/client.js";
import { confirmDiscard } from "../unsaved-changes.js";
import { useEnvironments, useWorkspace } from "../workspace.js";
import { FlagAudit } from "./flag-audit.js";
import { FlagTags } from "./flag-tags.js";
import type { Flag } from "./flag-types.js";
import { showValue } from "./flag-types.js";
import { StateEditor } from "./state-editor.js";

/** One flag: its variants, per environment its state (toggle, rules, rollout), its history. */
export function FlagPage() {
  const ws = useWorkspace();
  const key = useParams().flag ?? "";
  const environments = useEnvironments();
  const [tab, setTab] = useState<string | null>(null);
  const flag = useQuery({
    queryKey: ["flag", ws, key],
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/flags/{flag}", { params: { path: { ws, flag: key } } }),
      ),
  });
  if (flag.isPending) return <Loader aria-label="Loading the flag" />;
  if (flag.error)
    return (
      <Alert color="red" title="The flag could not be loaded">
        {flag.error.message}
      </Alert>
    );
  const data = flag.data as Flag;
  const shown = tab ?? environments[0]?.key ?? null;
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/flags">
          Flags
        </Anchor>
        <Text>{data.key}</Text>
      </Breadcrumbs>
      <Group gap="sm">
        <Title order={2}>{data.name || data.key}</Title>
        <Badge variant="light">{data.type}</Badge>
      </Group>
      {data.description && <Text c="dimmed">{data.description}</Text>}
      <FlagTags key={data.tags.join("\n")} flag={data} />
      <Paper withBorder p="sm">
        <Text fw={500} size="sm" mb="xs">
          Variants
        </Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Key</Table.Th>
              <Table.Th>Value</Table.Th>
              <Table.Th>Id (sent to SDKs)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.variants.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.key}</Table.Td>
                <Table.Td>
                  <Code>{showValue(v.value)}</Code>
                </Table.Td>
                <Table.Td>{v.id}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Tabs
        value={shown}
        // Another environment's tab drops this one's draft (the panel unmounts): ask first.
        onChange={(next) => {
          if (next !== null && next !== shown && confirmDiscard()) setTab(next);
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {environments.map((env) => (
            <Tabs.Tab
              key={env.key}
              value={env.key}
              rightSection={
                <Badge size="xs" color={data.environments[env.key]?.enabled ? "green" : "gray"}>
                  {data.environments[env.key]?.enabled ? "On" : "Off"}
                </Badge>
              }
            >
              {env.name}
              {env.production && (
                <Badge size="xs" color="red" variant="outline" ml={6}>
                  Production
                </Badge>
              )}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {environments.map((env) => {
          const state = data.environments[env.key];
          return (
            <Tabs.Panel key={env.key} value={env.key} pt="md">
              {state ? (
                <StateEditor
                  flag={data}
                  environment={env.key}
                  state={state}
                  isProduction={env.production}
                />
              ) : (
                <Text c="dimmed">No state in this environment.</Text>
              )}
            </Tabs.Panel>
          );
        })}
      </Tabs>
      <FlagAudit flagKey={data.key} />
    </Stack>
  );
}
