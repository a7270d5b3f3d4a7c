import { Group, Stack, Tabs, Title } from "@mantine/core";
import { EnvironmentSelect } from "../environment-select.js";
import { useUrlState } from "../url-state.js";
import { EventCatalog } from "./event-catalog.js";
import { EventSearch } from "./event-search.js";
import { LiveTail } from "./live-tail.js";

/** What arrives from the SDKs: the live tail, the discovered events, and a search of raw events. */
export function EventsPage() {
  const [envParam, setEnvParam] = useUrlState("env");
  const env = envParam || undefined;
  const setEnv = (next: string | undefined) => setEnvParam(next ?? "");
  const [tab, setTab] = useUrlState("tab", "live");
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Events</Title>
        <EnvironmentSelect value={env} onChange={setEnv} />
      </Group>
      <Tabs value={tab} onChange={(next) => next && setTab(next)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="live">Live</Tabs.Tab>
          <Tabs.Tab value="catalog">Catalog</Tabs.Tab>
          <Tabs.Tab value="search">Search</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="live" pt="md">
          <LiveTail env={env} />
        </Tabs.Panel>
        <Tabs.Panel value="catalog" pt="md">
          <EventCatalog env={env} />
        </Tabs.Panel>
        <Tabs.Panel value="search" pt="md">
          <EventSearch env={env} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
