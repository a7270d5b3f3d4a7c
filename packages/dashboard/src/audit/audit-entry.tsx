import {
  Badge,
  Code,
  DataList,
  List,
  Modal,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
} from "@mantine/core";
import type { ReactNode } from "react";
import type { paths } from "../api/schema.js";
import { describeChange } from "./describe-change.js";

export type AuditEntry =
  paths["/api/v1/workspaces/{ws}/audit"]["get"]["responses"][200]["content"]["application/json"]["entries"][number];

export const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: "short", timeStyle: "medium" });

/** A colour per kind of change, read from the action's last word. */
export function actionColor(action: string): string {
  const verb = action.slice(action.lastIndexOf(".") + 1);
  if (verb === "created" || verb === "restored" || verb === "started") return "green";
  if (verb === "deleted" || verb === "revoked" || verb === "archived" || verb === "stopped")
    return "red";
  if (verb === "rotated") return "orange";
  return "blue";
}

export function ActionBadge({ action }: { action: string }) {
  return (
    <Badge variant="light" color={actionColor(action)} tt="none" ff="monospace">
      {action}
    </Badge>
  );
}

function Snapshot({ label, value, absent }: { label: string; value: unknown; absent: string }) {
  return (
    <Stack gap={4} aria-label={label} component="section">
      <Text fw={500} size="sm">
        {label}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm" c="dimmed">
          {absent}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={420}>
          <Code block>{JSON.stringify(value, null, 2)}</Code>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** One entry in full: who, what, where, the changes in words, and before and after as JSON. */
export function AuditEntryDetails({
  entry,
  opened,
  onClose,
}: {
  entry: AuditEntry | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={entry ? `Audit entry #${entry.id}` : ""}
    >
      {entry && (
        <Stack>
          <DataList labelWidth={110}>
            <Field label="Action">
              <ActionBadge action={entry.action} />
            </Field>
            <Field label="When">{when(entry.createdAt)}</Field>
            <Field label="Who">{entry.actor}</Field>
            <Field label="Resource">
              {entry.resourceType} <Code>{entry.resourceKey}</Code>
            </Field>
            {entry.environmentKey && <Field label="Environment">{entry.environmentKey}</Field>}
            {entry.comment && <Field label="Comment">{entry.comment}</Field>}
            <Field label="Changes">
              <List size="sm" spacing={2} listStyleType="none">
                {describeChange(entry).map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            </Field>
          </DataList>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Snapshot label="Before" value={entry.before} absent="Nothing: it did not exist." />
            <Snapshot label="After" value={entry.after} absent="Nothing: it was removed." />
          </SimpleGrid>
        </Stack>
      )}
    </Modal>
  );
}
