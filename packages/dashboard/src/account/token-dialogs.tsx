import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from "@mantine/core";

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
