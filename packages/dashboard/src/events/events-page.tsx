import { Group, Stack, Tabs, Title } from "@mantine/core";
import { useState } from "react";
import { EnvironmentSelect } from "../environment-select.js";
import { EventCatalog } from "./event-catalog.js";
import { EventSearch } from "./event-search.js";
import { LiveTail } from "./live-tail.js";

/** What arrives from the SDKs: the live tail, the discovered events, and a search of raw events. */
export function EventsPage() {
  const [env, setEnv] = useState<string | undefined>(undefined);
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Events</Title>
        <EnvironmentSelect value={env} onChange={setEnv} />
      </Group>
      <Tabs defaultValue="live" keepMounted={false}>
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
