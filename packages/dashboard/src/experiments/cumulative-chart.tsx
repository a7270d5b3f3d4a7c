import { LineChart } from "@mantine/charts";
import { Paper, Select, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { ExperimentResult } from "./experiment-types.js";

const COLORS = ["indigo.6", "teal.6", "orange.6", "grape.6", "cyan.6"];

/** Cumulative relative lift per day of each variant against the baseline, for one metric. */
export function CumulativeChart({ result }: { result: ExperimentResult }) {
  const [metric, setMetric] = useState(result.metrics[0]?.metric ?? "");
  const compared = (result.metrics.find((m) => m.metric === metric)?.variants ?? [])
    .filter((v) => !v.baseline)
    .map((v) => v.variant);
  const data = result.daily.map((d) => {
    const point: Record<string, string | number | null> = { day: d.day.slice(5) };
    for (const v of d.metrics.find((m) => m.metric === metric)?.variants ?? []) {
      if (compared.includes(v.variant))
        point[v.variant] =
          v.relativeLift === null ? null : Math.round(v.relativeLift * 10000) / 100;
    }
    return point;
  });
  return (
    <Paper withBorder p="sm" aria-label="Cumulative lift">
      <Stack gap="xs">
        <Select
          label="Cumulative lift over time (%)"
          w={320}
          allowDeselect={false}
          data={result.metrics.map((m) => ({ value: m.metric, label: m.name || m.metric }))}
          value={metric}
          onChange={(v) => v && setMetric(v)}
        />
        {data.length === 0 ? (
          <Text c="dimmed" size="sm">
            No days yet.
          </Text>
        ) : (
          <>
            {data.length === 1 && (
              <Text c="dimmed" size="sm">
                One day so far: each further day adds a point, and the line shows how the lift
                settles.
              </Text>
            )}
            <LineChart
              h={240}
              data={data}
              dataKey="day"
              unit="%"
              withLegend
              referenceLines={[{ y: 0, color: "gray.5" }]}
              series={compared.map((name, i) => ({
                name,
                color: COLORS[i % COLORS.length] as string,
              }))}
            />
          </>
        )}
      </Stack>
    </Paper>
  );
}
