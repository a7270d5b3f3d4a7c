import { Alert, List, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * What the environment's SDK clients dropped in the last days because their queues were full:
 * data the experiments and the event catalog never got, said plainly where the keys are.
 */
export function SdkDrops({ environment }: { environment: string }) {
  const ws = useWorkspace();
  const drops = useQuery({
    queryKey: ["sdk-drops", ws, environment],
    queryFn: () =>
      must(
        api.GET("/api/v1/workspaces/{ws}/environments/{env}/sdk-drops", {
          params: { path: { ws, env: environment } },
        }),
      ),
  });
  if (!drops.data) return null;
  const { impressions, events, clients, bySdk } = drops.data;
  if (impressions + events === 0)
    return (
      <Text size="xs" c="dimmed" mb="xs">
        No SDK reported dropping impressions or events here in the last 7 days.
      </Text>
    );
  return (
    <Alert
      color="yellow"
      mb="sm"
      title={`SDKs dropped ${count(impressions, "impression")} and ${count(events, "event")} in the last 7 days`}
    >
      <Text size="sm">
        {count(clients, "client")} had a full queue: the server was out of reach for long, or the
        app produced more than the queue holds (raise the SDK's <code>maxQueue</code>). Results and
        the event catalog lack what was dropped.
      </Text>
      <List size="sm" mt={4}>
        {bySdk.map((sdk) => (
          <List.Item key={`${sdk.sdkName}@${sdk.sdkVersion}`}>
            {sdk.sdkName} {sdk.sdkVersion}: {count(sdk.impressions, "impression")},{" "}
            {count(sdk.events, "event")} from {count(sdk.clients, "client")}, last report{" "}
            {new Date(sdk.lastSeen).toLocaleString(undefined, {
              dateStyle: "medium",
              timeStyle: "short",
            })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
