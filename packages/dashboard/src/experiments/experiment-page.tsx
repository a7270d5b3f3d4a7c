import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "wouter";
import { AllowedButton } from "../access.js";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import { CumulativeChart } from "./cumulative-chart.js";
import { type Experiment, type Snapshot, STATUS_COLOR } from "./experiment-types.js";
import { MetricResults } from "./metric-results.js";
import { StopExperiment } from "./stop-experiment.js";
import { whereUsersWent } from "./where-users-went.js";

/** One experiment: its definition, start and stop, and its results. */
export function ExperimentPage() {
  const ws = useWorkspace();
  const key = useParams().experiment ?? "";
  const queries = useQueryClient();
  const [stopping, setStopping] = useState(false);
  const path = { ws, experiment: key };
  const experiment = useQuery({
    queryKey: ["experiment", ws, key],
    queryFn: () =>
      must(api.GET("/api/v1/workspaces/{ws}/experiments/{experiment}", { params: { path } })),
  });
  const started = experiment.data !== undefined && experiment.data.status !== "draft";
  // The current phase unless another is chosen.
  const [phase, setPhase] = useState<number | undefined>(undefined);
  const query = phase === undefined ? {} : { phase };
  const results = useQuery({
    queryKey: ["results", ws, key, phase],
    enabled: started,
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/experiments/{experiment}/results", {
          params: { path, query },
        }),
      ),
  });
  const refresh = useMutation({
    mutationFn: () =>
      must(
        api.POST("/api/v1/workspaces/{ws}/experiments/{experiment}/results", {
          params: { path, query },
        }),
      ),
    onSuccess: (snapshot) => queries.setQueryData(["results", ws, key, phase], snapshot),
    onError: (error) =>
      notifications.show({ color: "red", title: "Not computed", message: error.message }),
  });
  const start = useMutation({
    mutationFn: () =>
      must(
        api.POST("/api/v1/workspaces/{ws}/experiments/{experiment}/start", {
          params: { path },
          body: {},
        }),
      ),
    onSuccess: (x) => queries.setQueryData(["experiment", ws, key], x),
    onError: (error) =>
      notifications.show({ color: "red", title: "Not started", message: error.message }),
  });
  if (experiment.isPending) return <Loader aria-label="Loading the experiment" />;
  if (experiment.error) return <Alert color="red">{experiment.error.message}</Alert>;
  const x: Experiment = experiment.data;
  // openapi-fetch widens the schema's [low, high] tuples to arrays; the shape is the same.
  const snapshot = results.data as Snapshot | undefined;
  const result = snapshot?.result;
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/experiments">
          Experiments
        </Anchor>
        <Text>{x.key}</Text>
      </Breadcrumbs>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{x.name || x.key}</Title>
          <Badge color={STATUS_COLOR[x.status]}>{x.status}</Badge>
        </Group>
        <Group>
          {x.status === "draft" && (
            <AllowedButton
              need="edit"
              environment={x.environment}
              onClick={() => start.mutate()}
              loading={start.isPending}
            >
              Start
            </AllowedButton>
          )}
          {x.status === "running" && (
            <AllowedButton
              need="edit"
              environment={x.environment}
              color="red"
              variant="light"
              onClick={() => setStopping(true)}
            >
              Stop
            </AllowedButton>
          )}
          {started && (
            <Button variant="default" onClick={() => refresh.mutate()} loading={refresh.isPending}>
              Refresh results
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <Stack gap={4}>
          {x.hypothesis && <Text>Hypothesis: {x.hypothesis}</Text>}
          <Text size="sm" c="dimmed">
            Flag <b>{x.flag}</b> in {x.environment}: {x.variants.join(", ")} against {x.baseline}.
            Primary metric {x.primaryMetric}
            {x.secondaryMetrics.length > 0 ? `; also ${x.secondaryMetrics.join(", ")}` : ""}.
            {x.settings.cuped ? " CUPED." : ""}
            {x.settings.sequential ? " Sequential testing." : ""} Correction {x.settings.correction}
            , alpha {x.settings.alpha}.
          </Text>
          {x.startedAt && (
            <Text size="sm" c="dimmed">
              Started {new Date(x.startedAt).toLocaleString()}
              {x.stoppedAt ? `, stopped ${new Date(x.stoppedAt).toLocaleString()}` : ""}
              {x.decision
                ? ` — decision: ${x.decision.decision}${x.decision.variant ? ` ${x.decision.variant}` : ""}${x.decision.note ? ` (${x.decision.note})` : ""}`
                : ""}
            </Text>
          )}
        </Stack>
      </Paper>
      {!started && <Text c="dimmed">Start the experiment to see results.</Text>}
      {started && results.isPending && <Loader aria-label="Computing results" />}
      {results.error && <Alert color="red">{results.error.message}</Alert>}
      {result && snapshot && (
        <Stack>
          <Stack gap={2} role="status" aria-label="Where the users went">
            {whereUsersWent(result.exposures).map((line) => (
              <Text key={line} size="sm" c="dimmed">
                {line}
              </Text>
            ))}
            <Text size="xs" c="dimmed">
              {x.phases.length > 1 ? `Phase ${snapshot.phase} of ${x.phases.length}, ` : ""}
              {new Date(result.window.start).toLocaleString()} –{" "}
              {new Date(result.window.end).toLocaleString()}. Computed{" "}
              {new Date(snapshot.computedAt).toLocaleString()} in {snapshot.durationMs} ms.
            </Text>
          </Stack>
          {x.phases.length > 1 && (
            <Select
              label="Phase"
              w={420}
              maw="100%"
              allowDeselect={false}
              data={x.phases.map((p) => ({
                value: String(p.number),
                label: `${p.number}: from ${new Date(p.startedAt).toLocaleString()} (${p.reason})`,
              }))}
              value={String(snapshot.phase)}
              onChange={(value) => value && setPhase(Number(value))}
            />
          )}
          {result.assignment.warning && (
            <Alert color="yellow" title="Assignment check">
              {result.assignment.warning}
            </Alert>
          )}
          {result.exposures.total === 0 && (
            <Alert color="gray" title="Not enough data yet">
              No user has been served flag {x.flag} in {x.environment} since the experiment started.
              Results appear once the SDKs report impressions of it (each flag() call reports one).
            </Alert>
          )}
          {result.srm.mismatch && (
            <Alert color="red" title="Sample ratio mismatch">
              The users per variant differ from the expected split (χ² ={" "}
              {result.srm.chiSquare.toFixed(1)}, p = {result.srm.pValue.toExponential(2)}): observed{" "}
              {Object.entries(result.srm.observed)
                .map(([k, n]) => `${k} ${n}`)
                .join(", ")}
              . Check the assignment before trusting these results.
            </Alert>
          )}
          {result.metrics.map((m) => (
            <MetricResults key={m.metric} metric={m} sequential={x.settings.sequential} />
          ))}
          <CumulativeChart result={result} />
        </Stack>
      )}
      {stopping && <StopExperiment experiment={x} onClose={() => setStopping(false)} />}
    </Stack>
  );
}
