import { CompositeChart } from "@mantine/charts";
import { Alert, Group, Loader, Paper, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ApiFailure, api, must } from "../api/client.js";
import { EnvironmentSelect } from "../environment-select.js";
import { useWorkspace } from "../workspace.js";
import type { PreviewInput } from "./metric-types.js";

/** The last 7 days of what the definition measures, redrawn as the form changes. */
export function MetricPreviewChart({
  env,
  onEnv,
  definition,
}: {
  env: string | undefined;
  onEnv: (env: string) => void;
  definition: PreviewInput;
}) {
  const ws = useWorkspace();
  const [debounced] = useDebouncedValue(definition, 400);
  const ready = env !== undefined && debounced.eventKey !== "";
  const preview = useQuery({
    queryKey: ["metric-preview", ws, env, debounced],
    enabled: ready,
    placeholderData: keepPreviousData,
    queryFn: () =>
      must(
        api.POST("/api/v1/workspaces/{ws}/environments/{env}/metric-preview", {
          params: { path: { ws, env: env as string } },
          body: debounced,
        }),
      ),
  });
  const days = preview.data?.days ?? [];
  const total = days.reduce((n, d) => n + d.users, 0);
  return (
    <Paper withBorder p="sm" aria-label="Preview">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <Text fw={500} size="sm">
            Last 7 days: users with a matching event, and the mean per-user value
          </Text>
          <EnvironmentSelect value={env} onChange={onEnv} />
        </Group>
        {!ready && (
          <Text c="dimmed" size="sm">
            Choose an event to see a preview.
          </Text>
        )}
        {ready && preview.isPending && <Loader size="sm" aria-label="Loading the preview" />}
        {preview.error && (
          <Alert color="yellow">
            {preview.error instanceof ApiFailure
              ? (preview.error.body.details ?? [])
                  .map((d) => `${d.field.replace(/^body\./, "")} ${d.message}`)
                  .join("; ") || preview.error.message
              : preview.error.message}
          </Alert>
        )}
        {ready && preview.data && total === 0 && (
          <Text c="dimmed" size="sm">
            No matching event in the last 7 days.
          </Text>
        )}
        {ready && preview.data && total > 0 && (
          <CompositeChart
            h={200}
            data={days.map((d) => ({ day: d.day.slice(5), users: d.users, mean: d.mean }))}
            dataKey="day"
            withLegend
            withRightYAxis
            series={[
              { name: "users", label: "Users", color: "indigo.3", type: "bar" },
              {
                name: "mean",
                label: "Mean per user",
                color: "teal.6",
                type: "line",
                yAxisId: "right",
              },
            ]}
          />
        )}
      </Stack>
    </Paper>
  );
}
