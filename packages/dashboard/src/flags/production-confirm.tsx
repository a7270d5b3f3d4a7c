import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";

/**
 * Asks before a change to a production environment is saved, with an optional comment that
 * the change's audit entry keeps; where the environment requires approvals (`approvals` > 0),
 * asks for the change request's reason instead. Cancel closes it and leaves the draft as it was.
 */
export function ProductionConfirm({
  flagKey,
  environment,
  approvals,
  isSaving,
  onConfirm,
  onCancel,
}: {
  flagKey: string;
  environment: string;
  approvals: number;
  isSaving: boolean;
  onConfirm: (comment: string) => void;
  onCancel: () => void;
}) {
  const [comment, setComment] = useState("");
  const request = approvals > 0;
  return (
    <Modal
      opened
      onClose={onCancel}
      title={
        request
          ? `Request changes to ${flagKey} in ${environment}`
          : `Save ${flagKey} in ${environment}?`
      }
      size="lg"
    >
      <Stack>
        <Text size="sm">
          {request
            ? `Changes in ${environment} need ${approvals === 1 ? "an approval" : `${approvals} approvals`} by someone else: this opens a change request, which applies once approved.`
            : "This is a production environment: the change reaches users as soon as it is saved."}
        </Text>
        <Textarea
          label={request ? "Why (shown to the approvers)" : "Comment (optional)"}
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
          <Button
            color={request ? "blue" : "red"}
            loading={isSaving}
            onClick={() => onConfirm(comment.trim())}
          >
            {request ? "Open change request" : "Save to production"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
