import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import { TokenTable, useTokens } from "./token-dialogs.js";

type Role = "owner" | "admin" | "editor" | "viewer";
type Scope = "read" | "write" | "admin";

/**
 * Service tokens (a role in one workspace, for scripts and CI) and instance tokens, for instance
 * administrators: each shown once when made, listed by hint, revoked after a confirmation.
 */
export function TokensPage() {
  const ws = useWorkspace();
  const tokens = useQuery({
    queryKey: ["admin-tokens"],
    queryFn: () => must(api.GET("/api/v1/admin-tokens")),
    retry: false,
  });
  const [role, setRole] = useState<Role>("editor");
  const [scope, setScope] = useState<Scope>("write");
  const { name, setName, create, askRevoke, lifetimeInput, dialogs } = useTokens({
    queryKey: ["admin-tokens"],
    title: "The new token",
    create: (tokenName, expiresAt) =>
      must(
        api.POST("/api/v1/admin-tokens", {
          body: { name: tokenName, workspace: ws, role, scope, expiresAt },
        }),
      ),
    revoke: (id) => must(api.DELETE("/api/v1/admin-tokens/{id}", { params: { path: { id } } })),
  });
  return (
    <Stack>
      <Title order={2}>Service tokens</Title>
      <Text c="dimmed" size="sm">
        For scripts and CI: a service token has a role in this workspace, at most its scope.
        Instance tokens (the break-glass FLAGSYNC_ADMIN_TOKEN) open every workspace.
      </Text>
      {tokens.error && (
        <Alert color="yellow" title="Only instance administrators manage these tokens">
          {tokens.error.message}
        </Alert>
      )}
      {tokens.data && <TokenTable label="Tokens" tokens={tokens.data} onRevoke={askRevoke} />}
      {tokens.data && (
        <Group align="flex-end">
          <TextInput
            label="Service token name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Select
            label="Role"
            data={["viewer", "editor", "admin", "owner"]}
            value={role}
            allowDeselect={false}
            onChange={(value) => value && setRole(value as Role)}
            w={120}
          />
          <Select
            label="Scope"
            data={["read", "write", "admin"]}
            value={scope}
            allowDeselect={false}
            onChange={(value) => value && setScope(value as Scope)}
            w={120}
          />
          {lifetimeInput}
          <Button
            variant="default"
            loading={create.isPending}
            disabled={name.trim() === ""}
            onClick={() => create.mutate()}
          >
            Create service token
          </Button>
        </Group>
      )}
      {dialogs}
    </Stack>
  );
}
