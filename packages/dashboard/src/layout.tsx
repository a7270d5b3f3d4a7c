import {
  Alert,
  Anchor,
  AppShell,
  Burger,
  Button,
  Group,
  Loader,
  NativeSelect,
  NavLink,
  Paper,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, Suspense, useEffect, useState } from "react";
import { Link, useLocation } from "wouter";
import { session } from "./api/client.js";
import { useWorkspaces, WorkspaceContext } from "./workspace.js";

const SECTIONS = [
  { to: "/flags", label: "Flags" },
  { to: "/environments", label: "Environments & keys" },
  { to: "/events", label: "Events" },
  { to: "/metric-definitions", label: "Metrics" },
  { to: "/experiments", label: "Experiments" },
  { to: "/change-requests", label: "Change requests" },
  { to: "/members", label: "Members" },
  { to: "/tokens", label: "Service tokens" },
  { to: "/webhooks", label: "Webhooks" },
  { to: "/account", label: "My account" },
  { to: "/audit", label: "Audit log" },
];

/** The window's title for a path: the section, and the flag or experiment shown. */
export function pageTitle(path: string): string {
  const section = SECTIONS.find((s) => path === s.to || path.startsWith(`${s.to}/`));
  if (!section) return "FlagSync";
  const item = path.slice(section.to.length + 1);
  return [item ? decodeURIComponent(item) : undefined, section.label, "FlagSync"]
    .filter(Boolean)
    .join(" · ");
}

const CHOSEN_WORKSPACE = "flagsync.workspace";

/** The frame of every page: header with workspace and sign-out, navigation, the page. */
export function Layout({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const [chosen, setChosen] = useState(() => localStorage.getItem(CHOSEN_WORKSPACE));
  const workspaces = useWorkspaces();
  const list = workspaces.data;
  // The one chosen last in this browser while the caller can still see it, else their first.
  const workspace = list?.some((w) => w.key === chosen)
    ? (chosen as string)
    : (list?.[0]?.key ?? "default");
  const choose = (key: string) => {
    localStorage.setItem(CHOSEN_WORKSPACE, key);
    setChosen(key);
  };
  const [location] = useLocation();
  const queries = useQueryClient();
  useEffect(() => {
    document.title = pageTitle(location);
  }, [location]);
  const signOut = () => {
    session.signOut();
    queries.clear();
    window.location.assign("/");
  };
  return (
    <WorkspaceContext.Provider value={workspace}>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Navigation"
              />
              <Title order={3}>FlagSync</Title>
            </Group>
            <Group gap="sm" wrap="nowrap">
              {list && list.length > 0 && (
                <NativeSelect
                  aria-label="Workspace"
                  size="xs"
                  w={{ base: 120, sm: 180 }}
                  value={workspace}
                  data={list.map((w) => ({ value: w.key, label: w.name }))}
                  onChange={(e) => choose(e.currentTarget.value)}
                />
              )}
              <Button variant="subtle" size="xs" onClick={signOut}>
                Sign out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Sections">
          {SECTIONS.map((s) => (
            <NavLink
              key={s.to}
              component={Link}
              to={s.to}
              label={s.label}
              active={location.startsWith(s.to)}
              onClick={close}
            />
          ))}
          <Text size="xs" c="dimmed" mt="auto" p="xs">
            Admin API: /api/v1 · <a href="/api/openapi.json">OpenAPI</a>
          </Text>
        </AppShell.Navbar>
        <AppShell.Main>
          {workspaces.error ? (
            <Alert color="red" title="The workspaces could not be loaded">
              {workspaces.error.message}
            </Alert>
          ) : !list ? (
            <Loader aria-label="Loading the page" />
          ) : list.length === 0 && !location.startsWith("/account") ? (
            <NoWorkspace />
          ) : (
            <Suspense fallback={<Loader aria-label="Loading the page" />}>{children}</Suspense>
          )}
        </AppShell.Main>
      </AppShell>
    </WorkspaceContext.Provider>
  );
}

/** What someone who belongs to no workspace yet sees instead of empty pages. */
function NoWorkspace() {
  return (
    <Paper withBorder p="lg" maw={560}>
      <Title order={3} mb="xs">
        No workspace yet
      </Title>
      <Text>
        You are signed in, but not a member of any workspace, so there is nothing to show here yet.
        Ask an owner or admin of your team's workspace to invite you (Members → Invite), or to add
        you with a role.
      </Text>
      <Text mt="sm">
        Meanwhile{" "}
        <Anchor component={Link} to="/account">
          My account
        </Anchor>{" "}
        has your password, tokens and sessions.
      </Text>
    </Paper>
  );
}
