import { Alert, Button, Group, Loader, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { AllowedButton } from "../access.js";
import { api, must } from "../api/client.js";
import type { paths } from "../api/schema.js";
import { useUrlState } from "../url-state.js";
import { useEnvironments, useWorkspace } from "../workspace.js";
import { FlagTable } from "./flag-table.js";

type FlagPage =
  paths["/api/v1/workspaces/{ws}/flags"]["get"]["responses"][200]["content"]["application/json"];

const PAGE = 50;

// The dialog's form and select components load when it is first opened, not with the list.
const CreateFlag = lazy(() => import("./create-flag.js").then((m) => ({ default: m.CreateFlag })));

/** A page of flags at a time: the list renders fast however many flags there are. */
export function flagListQuery(ws: string, search: string, tag = "") {
  return infiniteQueryOptions({
    queryKey: ["flags", ws, search, tag],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page: FlagPage) => page.next ?? undefined,
    queryFn: ({ pageParam }) =>
      must(
        api.GET("/api/v1/workspaces/{ws}/flags", {
          params: {
            path: { ws },
            query: {
              limit: PAGE,
              ...(search ? { search } : {}),
              ...(tag ? { tag } : {}),
              ...(pageParam ? { after: pageParam } : {}),
            },
          },
        }),
      ),
  });
}

/** Every flag of the workspace with its on/off status per environment; search by key or name. */
export function FlagsPage() {
  const ws = useWorkspace();
  const environments = useEnvironments();
  const [search, setSearch] = useUrlState("q");
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const [tag, setTag] = useUrlState("tag");
  const [debouncedTag] = useDebouncedValue(tag.trim(), 200);
  const [creating, setCreating] = useState(false);
  const flags = useInfiniteQuery(flagListQuery(ws, debounced, debouncedTag));
  const list = flags.data?.pages.flatMap((p) => p.flags) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Flags</Title>
        <AllowedButton need="edit" onClick={() => setCreating(true)}>
          Create flag
        </AllowedButton>
      </Group>
      <Group>
        <TextInput
          aria-label="Search flags"
          placeholder="Search by key or name"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={360}
          maw="100%"
        />
        <TextInput
          aria-label="Tag"
          placeholder="Tag, e.g. team:payments"
          value={tag}
          onChange={(e) => setTag(e.currentTarget.value)}
          w={220}
        />
      </Group>
      {flags.isPending && <Loader aria-label="Loading flags" />}
      {flags.error && (
        <Alert color="red" title="The flags could not be loaded">
          {flags.error.message}
        </Alert>
      )}
      {flags.isSuccess && list.length === 0 && (
        <Text c="dimmed">
          {debounced || debouncedTag
            ? `No flag matches${debounced ? ` “${debounced}”` : ""}${debouncedTag ? ` with the tag ${debouncedTag}` : ""}.`
            : "No flags yet. Create the first one."}
        </Text>
      )}
      {list.length > 0 && <FlagTable flags={list} environments={environments} />}
      {flags.hasNextPage && (
        <Group>
          <Button
            variant="light"
            loading={flags.isFetchingNextPage}
            onClick={() => void flags.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
      {creating && (
        <Suspense fallback={<Loader aria-label="Opening the dialog" />}>
          <CreateFlag opened onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </Stack>
  );
}
