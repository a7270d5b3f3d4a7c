import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";

/**
 * Asks before a change to a production environment is saved, with an optional comment that
 * the change's audit entry keeps. Cancel closes it and leaves the draft as it was.
 */
export function ProductionConfirm({
  flagKey,
  environment,
  isSaving,
  onConfirm,
  onCancel,
}: {
  flagKey: string;
  environment: string;
  isSaving: boolean;
  onConfirm: (comment: string) => void;
  onCancel: () => void;
}) {
  const [comment, setComment] = useState("");
  return (
    <Modal opened onClose={onCancel} title={`Save ${flagKey} in ${environment}?`} size="lg">
      <Stack>
        <Text size="sm">
          This is a production environment: the change reaches users as soon as it is saved.
        </Text>
        <Textarea
          label="Comment (optional)"
          description="Why the change is made; kept in the history"
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" loading={isSaving} onClick={() => onConfirm(comment.trim())}>
            Save to production
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
