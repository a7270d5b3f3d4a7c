import {
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useUnsavedChanges } from "../unsaved-changes.js";

/** A new token's secret, shown this once, with a copy button. */
export function ShownOnce({
  title,
  secret,
  onDone,
}: {
  title: string;
  secret: string | null;
  onDone: () => void;
}) {
  return (
    <Modal opened={secret !== null} onClose={onDone} title={title}>
      <Stack>
        <Text size="sm">Copy it now: it is shown only this once.</Text>
        <TextInput label="Token" value={secret ?? ""} readOnly />
        <Group justify="flex-end">
          <CopyButton value={secret ?? ""}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? "Copied" : "Copy"}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Asks before a token is revoked; says why the server refused, if it did. */
export function ConfirmRevoke({
  token,
  pending,
  error,
  onCancel,
  onConfirm,
}: {
  token: { id: number; name: string } | null;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (id: number) => void;
}) {
  return (
    <Modal opened={token !== null} onClose={onCancel} title="Revoke this token?">
      <Stack>
        <Text size="sm">{token?.name} stops working at once.</Text>
        {error && (
          <Alert color="red" title="Not revoked">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={() => token && onConfirm(token.id)}>
            Revoke
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** How long a new token works, in days. */
const LIFETIMES = [
  { value: "never", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
];

/**
 * A list of tokens' making and revoking: the name being typed, the new secret (shown once by
 * `dialogs`), the token asked about before it is revoked; the list (`queryKey`) is read again
 * after each.
 */
export function useTokens(options: {
  queryKey: string[];
  title: string;
  create: (name: string, expiresAt: string | undefined) => Promise<{ secret: string }>;
  revoke: (id: number) => Promise<unknown>;
}) {
  const queries = useQueryClient();
  const [name, setName] = useState("");
  const [lifetime, setLifetime] = useState("never");
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<{ id: number; name: string } | null>(null);
  const refresh = () => void queries.invalidateQueries({ queryKey: options.queryKey });
  // A name typed and not made yet, and a secret not closed yet (it cannot be shown again).
  useUnsavedChanges(name.trim() !== "", "a new token");
  useUnsavedChanges(secret !== null, "a token shown only once");
  const create = useMutation({
    mutationFn: () =>
      options.create(
        name.trim(),
        lifetime === "never"
          ? undefined
          : new Date(Date.now() + Number(lifetime) * 86_400_000).toISOString(),
      ),
    onSuccess: (created) => {
      setSecret(created.secret);
      setName("");
      refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => options.revoke(id),
    onSuccess: () => {
      setRevoking(null);
      refresh();
    },
  });
  return {
    name,
    setName,
    create,
    askRevoke: setRevoking,
    lifetimeInput: (
      <Select
        label="Expires"
        data={LIFETIMES}
        value={lifetime}
        allowDeselect={false}
        onChange={(value) => value && setLifetime(value)}
        w={130}
      />
    ),
    dialogs: (
      <>
        {create.error && (
          <Alert color="red" title="No token made">
            {create.error.message}
          </Alert>
        )}
        <ShownOnce title={options.title} secret={secret} onDone={() => setSecret(null)} />
        <ConfirmRevoke
          token={revoking}
          pending={revoke.isPending}
          error={revoke.error?.message ?? null}
          onCancel={() => setRevoking(null)}
          onConfirm={(id) => revoke.mutate(id)}
        />
      </>
    ),
  };
}

/** A token as listed (hint only). */
export interface ListedToken {
  id: number;
  name: string;
  hint: string;
  kind: "instance" | "service" | "personal";
  role: string | null;
  workspace: string | null;
  scope: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  active: boolean;
  revokedAt: string | null;
}

const when = (iso: string | null, none: string) => (iso ? new Date(iso).toLocaleString() : none);

/** Tokens by hint, with what each may do, its last use and expiry, and Revoke. */
export function TokenTable({
  label,
  tokens,
  onRevoke,
}: {
  label: string;
  tokens: ListedToken[];
  onRevoke: (token: { id: number; name: string }) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Token</Table.Th>
            <Table.Th>May</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>{token.name}</Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {token.hint}
                </Text>
              </Table.Td>
              <Table.Td>
                {token.kind === "service"
                  ? `${token.role} in ${token.workspace}, ${token.scope}`
                  : token.kind === "personal"
                    ? token.scope
                    : "everything (instance)"}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {when(token.lastUsedAt, "never")}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {when(token.expiresAt, "never")}
                </Text>
              </Table.Td>
              <Table.Td>
                {token.active ? (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => onRevoke({ id: token.id, name: token.name })}
                  >
                    Revoke
                  </Button>
                ) : (
                  <Badge color="gray" variant="light">
                    {token.revokedAt ? "revoked" : "expired"}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
