import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Group,
  Loader,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "wouter";
import { api, must } from "../api/client.js";
import { OpenRequestsNotice } from "../changes/change-requests-page.js";
import { StateTimeline } from "../changes/state-timeline.js";
import { confirmDiscard } from "../unsaved-changes.js";
import { useEnvironments, useWorkspace } from "../workspace.js";
import { ExplainPanel } from "./explain-panel.js";
import { FlagActions } from "./flag-actions.js";
import { FlagAudit } from "./flag-audit.js";
import { FlagDetails } from "./flag-details.js";
import { FlagTags } from "./flag-tags.js";
import type { Flag } from "./flag-types.js";
import { StateEditor } from "./state-editor.js";

/**
 * One flag: its details and variants, per environment its state (toggle, rules, rollout), its
 * history, the experiments running on it, and archive / restore / delete.
 */
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
  const experiments = useQuery({
    queryKey: ["experiments", ws],
    queryFn: () =>
      must(api.GET("/api/v1/workspaces/{ws}/experiments", { params: { path: { ws } } })),
  });
  const running = (experiments.data?.experiments ?? [])
    .filter((e) => e.flag === key && e.status === "running")
    .map((e) => e.key);
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
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" style={{ flex: 1, minWidth: 0 }}>
          <Title order={2}>{data.name || data.key}</Title>
          <Badge variant="light">{data.type}</Badge>
          {data.archived && (
            <Badge color="gray" variant="filled">
              Archived
            </Badge>
          )}
          {running.map((experiment) => (
            <Badge
              key={experiment}
              color="grape"
              variant="light"
              tt="none"
              component={Link}
              to={`/experiments/${encodeURIComponent(experiment)}`}
              style={{ cursor: "pointer" }}
            >
              In experiment {experiment}
            </Badge>
          ))}
        </Group>
        <FlagActions flag={data} running={running} />
      </Group>
      {data.archived && (
        <Alert color="gray" title="This flag is archived">
          SDKs do not receive it: code that asks for it gets its fallback value. Restore it from
          “More…” to serve it again.
        </Alert>
      )}
      {data.description && <Text c="dimmed">{data.description}</Text>}
      <FlagTags key={data.tags.join("\n")} flag={data} />
      <FlagDetails key={data.key} flag={data} underTest={running.length > 0} />
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
              <OpenRequestsNotice flag={data.key} environment={env.key} />
              {state ? (
                <StateEditor
                  flag={data}
                  environment={env.key}
                  state={state}
                  isProduction={env.production}
                  approvals={env.approvals.required}
                />
              ) : (
                <Text c="dimmed">No state in this environment.</Text>
              )}
              {state && <ExplainPanel flag={data.key} environment={env.key} />}
              {state && (
                <StateTimeline
                  flag={data.key}
                  environment={env.key}
                  approvals={env.approvals.required}
                />
              )}
            </Tabs.Panel>
          );
        })}
      </Tabs>
      <FlagAudit flagKey={data.key} />
    </Stack>
  );
}
