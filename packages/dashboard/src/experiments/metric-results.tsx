import { Badge, Group, Paper, Table, Text, Tooltip } from "@mantine/core";
import { figure, type MetricResult, percent, pValue, VERDICT_COLOR } from "./experiment-types.js";
import { LiftInterval } from "./lift-interval.js";

/** Users each side of a comparison needs before it is shown. */

/** One metric: per variant the users, mean, lift with its interval, p-value and chance to beat. */
export function MetricResults({
  metric,
  sequential,
}: {
  metric: MetricResult;
  sequential: boolean;
}) {
  const scale = Math.max(
    1e-9,
    ...metric.variants.flatMap((v) =>
      v.comparison ? v.comparison.relativeLiftCi.map(Math.abs).filter(Number.isFinite) : [],
    ),
  );
  return (
    <Paper withBorder p="sm" aria-label={`Results of ${metric.name || metric.metric}`}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Text fw={600}>{metric.name || metric.metric}</Text>
          {metric.primary && <Badge size="sm">primary</Badge>}
          <Badge size="sm" variant="light" color="gray">
            {metric.kind}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          Better when it {metric.direction === "increase" ? "increases ↑" : "decreases ↓"}
          {metric.cuped ? ` · CUPED θ = ${metric.cuped.theta.toFixed(3)}` : ""}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={820}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Variant</Table.Th>
              <Table.Th>Users</Table.Th>
              <Table.Th>{metric.kind === "conversion" ? "Conversion" : "Mean"}</Table.Th>
              <Table.Th miw={150}>Lift (95% CI)</Table.Th>
              <Table.Th />
              <Table.Th>{sequential ? "p (always valid, adj.)" : "p (adjusted)"}</Table.Th>
              <Table.Th>Chance to beat</Table.Th>
              <Table.Th miw={130}>Verdict</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {metric.variants.map((v) => {
              // The server says when a comparison means nothing (an empty baseline, fewer than
              // two users in an arm, no variance): nothing is shown rather than p = 1.
              const c = v.comparison;
              return (
                <Table.Tr key={v.variant}>
                  <Table.Td>
                    {v.variant}
                    {v.baseline && (
                      <Text span size="xs" c="dimmed">
                        {" "}
                        (baseline)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{v.users.toLocaleString()}</Table.Td>
                  <Table.Td>
                    {v.users === 0
                      ? "—"
                      : metric.kind === "conversion"
                        ? percent(v.mean, 2).replace("+", "")
                        : figure(v.mean)}
                  </Table.Td>
                  <Table.Td>
                    {c ? (
                      <Tooltip
                        label={`Difference ${figure(c.difference)} (${figure(c.ci[0])} to ${figure(c.ci[1])})`}
                      >
                        <Text size="sm">
                          {percent(c.relativeLift)}{" "}
                          <Text span size="xs" c="dimmed">
                            ({percent(c.relativeLiftCi[0])} to {percent(c.relativeLiftCi[1])})
                          </Text>
                        </Text>
                      </Tooltip>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c && (
                      <LiftInterval
                        lift={c.relativeLift}
                        ci={c.relativeLiftCi}
                        scale={scale}
                        verdict={c.verdict}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    {c ? pValue(c.adjustedPValue) : "—"}
                    {c?.zTestPValue !== undefined && (
                      <Text size="xs" c="dimmed">
                        z-test {pValue(c.zTestPValue)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c ? `${(c.chanceToBeat * 100).toFixed(1)}%` : "—"}</Table.Td>
                  <Table.Td>
                    {v.notCompared !== undefined ? (
                      <Badge color="gray" variant="outline" tt="none" title={v.notCompared}>
                        not enough data
                      </Badge>
                    ) : c ? (
                      <Badge
                        color={VERDICT_COLOR[c.verdict]}
                        variant={c.verdict === "inconclusive" ? "light" : "filled"}
                        tt="none"
                        style={{ overflow: "visible" }}
                      >
                        {c.verdict}
                      </Badge>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
