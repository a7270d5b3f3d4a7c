import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
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

/**
 * A list of tokens' making and revoking: the name being typed, the new secret (shown once by
 * `dialogs`), the token asked about before it is revoked; the list (`queryKey`) is read again
 * after each.
 */
export function useTokens(options: {
  queryKey: string[];
  title: string;
  create: (name: string) => Promise<{ secret: string }>;
  revoke: (id: number) => Promise<unknown>;
}) {
  const queries = useQueryClient();
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<{ id: number; name: string } | null>(null);
  const refresh = () => void queries.invalidateQueries({ queryKey: options.queryKey });
  // A name typed and not made yet, and a secret not closed yet (it cannot be shown again).
  useUnsavedChanges(name.trim() !== "", "a new token");
  useUnsavedChanges(secret !== null, "a token shown only once");
  const create = useMutation({
    mutationFn: () => options.create(name.trim()),
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
