import {
  Alert,
  Badge,
  Button,
  Group,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, must, session } from "../api/client.js";
import { useUnsavedChanges } from "../unsaved-changes.js";
import { TokenTable, useTokens } from "./token-dialogs.js";

/**
 * The signed-in person's account: who they are, their password, their personal tokens (each
 * shown once, revoked after a confirmation) and their sessions.
 */
export function AccountPage() {
  const me = useQuery({ queryKey: ["me"], queryFn: () => must(api.GET("/api/v1/me")) });
  const user = me.data?.user;
  return (
    <Stack>
      <Title order={2}>My account</Title>
      {me.data && !user && (
        <Text c="dimmed">
          Signed in with an admin token ({me.data.name}): it belongs to no one, so there is no
          account to show.
        </Text>
      )}
      {user && (
        <>
          <Text>
            {user.name !== user.email ? `${user.name} · ` : ""}
            {user.email}
            {user.instanceAdmin ? " · instance administrator" : ""}
          </Text>
          <Text size="sm" c="dimmed">
            {me.data?.workspaces.map((w) => `${w.key}: ${w.role}`).join(" · ") ||
              "No workspace yet"}
          </Text>
          <PasswordForm />
          <Tokens />
          <Sessions />
        </>
      )}
    </Stack>
  );
}

function PasswordForm() {
  const [saved, setSaved] = useState(false);
  const form = useForm({
    initialValues: { current: "", password: "" },
    validate: {
      current: (v) => (v === "" ? "Enter your current password" : null),
      password: (v) => (v.length < 12 ? "At least 12 characters" : null),
    },
  });
  useUnsavedChanges(form.isDirty(), "your password");
  const change = useMutation({
    mutationFn: (values: { current: string; password: string }) =>
      must(api.PUT("/api/v1/me/password", { body: values })),
    onSuccess: () => {
      form.reset();
      setSaved(true);
    },
  });
  // Every session ended, this one too: sign in again with the new password (once the draft is
  // gone, so leaving does not ask).
  useEffect(() => {
    if (!saved) return;
    session.forget();
    window.location.assign("/");
  }, [saved]);
  return (
    <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate>
      <Stack gap="xs" maw={420}>
        <Title order={4}>Password</Title>
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          {...form.getInputProps("current")}
        />
        <PasswordInput
          label="New password"
          description="At least 12 characters; every session ends, this one too"
          autoComplete="new-password"
          {...form.getInputProps("password")}
        />
        {change.error && (
          <Alert color="red" title="Not changed">
            {change.error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={change.isPending} disabled={!form.isDirty()}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Tokens() {
  const tokens = useQuery({
    queryKey: ["my-tokens"],
    queryFn: () => must(api.GET("/api/v1/me/tokens")),
  });
  const [scope, setScope] = useState<"read" | "write" | "admin">("read");
  const { name, setName, create, askRevoke, lifetimeInput, dialogs } = useTokens({
    queryKey: ["my-tokens"],
    title: "Your new token",
    create: (tokenName, expiresAt) =>
      must(api.POST("/api/v1/me/tokens", { body: { name: tokenName, scope, expiresAt } })),
    revoke: (id) => must(api.DELETE("/api/v1/me/tokens/{id}", { params: { path: { id } } })),
  });
  const working = (tokens.data ?? []).filter((t) => t.active);
  return (
    <Stack gap="xs">
      <Title order={4}>My tokens</Title>
      <Text size="sm" c="dimmed">
        A personal token acts as you, at most with its scope: read, write (flags, metrics,
        experiments) or admin (all your role allows).
      </Text>
      {working.length > 0 && <TokenTable label="My tokens" tokens={working} onRevoke={askRevoke} />}
      <Group align="flex-end">
        <TextInput
          label="Token name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Select
          label="Scope"
          data={["read", "write", "admin"]}
          value={scope}
          allowDeselect={false}
          onChange={(value) => value && setScope(value as "read" | "write" | "admin")}
          w={120}
        />
        {lifetimeInput}
        <Button
          variant="default"
          loading={create.isPending}
          disabled={name.trim() === ""}
          onClick={() => create.mutate()}
        >
          Create token
        </Button>
      </Group>
      {dialogs}
    </Stack>
  );
}

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/Firefox\//, "Firefox"],
  [/Chrom(e|ium)\//, "Chrome"],
  [/Safari\//, "Safari"],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone|iPad/, "iOS"],
  [/Windows/, "Windows"],
  [/Mac OS X/, "macOS"],
  [/Linux/, "Linux"],
];
const first = (list: [RegExp, string][], agent: string) =>
  list.find(([pattern]) => pattern.test(agent))?.[1];

/** "Chrome on Linux" from a browser's user agent, or the agent itself when it says neither. */
function browserOf(agent: string | null): string {
  if (!agent) return "Unknown browser";
  const browser = first(BROWSERS, agent);
  const system = first(SYSTEMS, agent);
  return browser && system ? `${browser} on ${system}` : agent.slice(0, 60);
}

const when = (iso: string) => new Date(iso).toLocaleString();

function Sessions() {
  const queries = useQueryClient();
  const sessions = useQuery({
    queryKey: ["my-sessions"],
    queryFn: () => must(api.GET("/api/v1/me/sessions")),
  });
  const end = useMutation({
    mutationFn: (id: number) =>
      must(api.DELETE("/api/v1/me/sessions/{id}", { params: { path: { id } } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ["my-sessions"] }),
  });
  const everywhere = useMutation({
    mutationFn: () => must(api.POST("/api/v1/me/sign-out-everywhere")),
    onSuccess: () => {
      session.forget();
      window.location.assign("/");
    },
  });
  return (
    <Stack gap="xs">
      <Title order={4}>Sessions</Title>
      <Text size="sm" c="dimmed">
        Where you are signed in. A session ends after 7 days, or 12 hours unused.
      </Text>
      {(sessions.data ?? []).length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label="My sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Browser</Table.Th>
                <Table.Th>Address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(sessions.data ?? []).map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td title={s.userAgent ?? undefined}>{browserOf(s.userAgent)}</Table.Td>
                  <Table.Td>{s.address}</Table.Td>
                  <Table.Td>{when(s.createdAt)}</Table.Td>
                  <Table.Td>{when(s.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    {s.current ? (
                      <Badge variant="light">This browser</Badge>
                    ) : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        loading={end.isPending && end.variables === s.id}
                        onClick={() => end.mutate(s.id)}
                      >
                        Sign out
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {end.error && (
        <Alert color="red" title="Not signed out">
          {end.error.message}
        </Alert>
      )}
      <Group>
        <Button
          variant="default"
          loading={everywhere.isPending}
          onClick={() => everywhere.mutate()}
        >
          Sign out everywhere
        </Button>
      </Group>
    </Stack>
  );
}
