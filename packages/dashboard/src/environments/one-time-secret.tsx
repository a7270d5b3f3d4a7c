import {
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import { type CreatedSdkKey, KIND_LABELS } from "./sdk-keys.js";

/** Secrets to show once, with what produced them. */
export interface Revealed {
  title: string;
  environment: string;
  keys: CreatedSdkKey[];
}

/**
 * The dialog showing new secrets. They are dropped once it has faded out, so they leave the page
 * and memory; only the keys' hints are listed afterwards.
 */
export function useOneTimeSecret() {
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [opened, setOpened] = useState(false);
  return {
    reveal: (next: Revealed) => {
      setRevealed(next);
      setOpened(true);
    },
    dialog: (
      <OneTimeSecret
        revealed={revealed}
        opened={opened}
        onClose={() => setOpened(false)}
        onClosed={() => setRevealed(null)}
      />
    ),
  };
}

function OneTimeSecret({
  revealed,
  opened,
  onClose,
  onClosed,
}: {
  revealed: Revealed | null;
  opened: boolean;
  onClose: () => void;
  onClosed: () => void;
}) {
  const many = (revealed?.keys.length ?? 0) > 1;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      onExitTransitionEnd={onClosed}
      // A stray click must not throw the secret away.
      closeOnClickOutside={false}
      title={revealed?.title}
      size="lg"
    >
      <Stack>
        <Alert color="yellow" title={`Copy ${many ? "these keys" : "this key"} now`}>
          You will not see {many ? "them" : "it"} again: the server keeps only a hash. If a key is
          lost, rotate it to get a new one.
        </Alert>
        {revealed?.keys.map((key) => (
          <Stack key={key.id} gap={6}>
            <Group gap="xs">
              <Text fw={500} size="sm">
                {key.name}
              </Text>
              <Badge variant="light" color={key.kind === "server" ? "indigo" : "teal"}>
                {KIND_LABELS[key.kind]}
              </Badge>
              <Text size="sm" c="dimmed">
                in {revealed.environment}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <TextInput
                readOnly
                aria-label={`Secret of ${key.name}`}
                value={key.secret}
                onFocus={(e) => e.currentTarget.select()}
                style={{ flex: 1 }}
                styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              />
              <CopyButton value={key.secret} timeout={2000}>
                {({ copied, copy }) => (
                  <Button
                    w={96}
                    color={copied ? "teal" : undefined}
                    onClick={copy}
                    aria-label={`Copy ${key.name}`}
                  >
                    {copied ? "Copied" : "Copy"}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            I have copied {many ? "them" : "it"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
