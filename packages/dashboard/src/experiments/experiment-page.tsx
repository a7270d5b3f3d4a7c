import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "wouter";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import { CumulativeChart } from "./cumulative-chart.js";
import { type Experiment, type Snapshot, STATUS_COLOR } from "./experiment-types.js";
import { MetricResults } from "./metric-results.js";
import { StopExperiment } from "./stop-experiment.js";

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
  const results = useQuery({
    queryKey: ["results", ws, key],
    enabled: started,
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/experiments/{experiment}/results", { params: { path } }),
      ),
  });
  const refresh = useMutation({
    mutationFn: () =>
      must(
        api.POST("/api/v1/workspaces/{ws}/experiments/{experiment}/results", { params: { path } }),
      ),
    onSuccess: (snapshot) => queries.setQueryData(["results", ws, key], snapshot),
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
            <Button onClick={() => start.mutate()} loading={start.isPending}>
              Start
            </Button>
          )}
          {x.status === "running" && (
            <Button color="red" variant="light" onClick={() => setStopping(true)}>
              Stop
            </Button>
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
          <Text size="sm" c="dimmed" role="status">
            {result.exposures.total.toLocaleString()} users exposed;{" "}
            {Object.entries(result.exposures.analysed)
              .map(([variant, n]) => `${variant} ${n.toLocaleString()}`)
              .join(", ")}
            {result.exposures.otherVariants > 0
              ? `; ${result.exposures.otherVariants.toLocaleString()} saw only a variant outside this comparison (another variant, or a value matching none) and are not analysed`
              : ""}
            {result.exposures.multipleVariants > 0
              ? `; ${result.exposures.multipleVariants.toLocaleString()} saw more than one variant and are left out`
              : ""}
            . Computed {new Date(snapshot.computedAt).toLocaleString()} in {snapshot.durationMs} ms.
          </Text>
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
          {result.exposures.multipleVariants > 0 && (
            <Alert color="yellow" title="Users exposed to more than one variant">
              {result.exposures.multipleVariants.toLocaleString()} users saw more than one variant;
              they are left out of every metric and of the ratio check.
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
