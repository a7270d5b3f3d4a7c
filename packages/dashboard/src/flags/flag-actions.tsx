import { Alert, Button, Group, Menu, Modal, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useLocation } from "wouter";
import { AllowedButton, useRefusal } from "../access.js";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import type { Flag } from "./flag-types.js";

type Action = "archive" | "restore" | "delete";

const WORDS: Record<Action, { title: string; button: string; done: string }> = {
  archive: { title: "Archive", button: "Archive flag", done: "Archived" },
  restore: { title: "Restore", button: "Restore flag", done: "Restored" },
  delete: { title: "Delete", button: "Delete flag", done: "Deleted" },
};

/**
 * Archive, restore and delete, each confirmed first. The server refuses to archive or delete a
 * flag an experiment runs on, and the dialog shows its answer, naming the experiment.
 */
export function FlagActions({ flag, running }: { flag: Flag; running: string[] }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [, navigate] = useLocation();
  const [action, setAction] = useState<Action | null>(null);
  const [typed, setTyped] = useState("");
  const close = () => {
    setAction(null);
    setTyped("");
    act.reset();
  };
  const act = useMutation({
    mutationFn: async (what: Action) => {
      const params = { params: { path: { ws, flag: flag.key } } };
      if (what === "delete") await must(api.DELETE("/api/v1/workspaces/{ws}/flags/{flag}", params));
      else if (what === "archive")
        await must(api.POST("/api/v1/workspaces/{ws}/flags/{flag}/archive", params));
      else await must(api.POST("/api/v1/workspaces/{ws}/flags/{flag}/restore", params));
    },
    onSuccess: async (_, what) => {
      notifications.show({ color: "green", message: `${WORDS[what].done} ${flag.key}` });
      close();
      await queries.invalidateQueries({ queryKey: ["flags", ws] });
      if (what === "delete") {
        queries.removeQueries({ queryKey: ["flag", ws, flag.key] });
        navigate("/flags");
      } else {
        await Promise.all([
          queries.invalidateQueries({ queryKey: ["flag", ws, flag.key] }),
          queries.invalidateQueries({ queryKey: ["audit", ws, flag.key] }),
        ]);
      }
    },
  });
  const blocked =
    running.length > 0 && action !== "restore"
      ? `${running.length === 1 ? "Experiment" : "Experiments"} ${running.join(", ")} ${running.length === 1 ? "runs" : "run"} on this flag: stop ${running.length === 1 ? "it" : "them"} first.`
      : null;
  if (useRefusal("edit") !== null)
    return (
      <AllowedButton need="edit" variant="default" size="xs" style={{ flexShrink: 0 }}>
        More…
      </AllowedButton>
    );
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" style={{ flexShrink: 0 }}>
            More…
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {flag.archived ? (
            <Menu.Item onClick={() => setAction("restore")}>Restore</Menu.Item>
          ) : (
            <Menu.Item onClick={() => setAction("archive")}>Archive</Menu.Item>
          )}
          <Menu.Item color="red" onClick={() => setAction("delete")}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={action !== null}
        onClose={close}
        title={action ? `${WORDS[action].title} ${flag.key}?` : ""}
      >
        {action && (
          <Stack>
            {action === "archive" && (
              <Text size="sm">
                SDKs stop receiving the flag: code that asks for it gets its fallback value. The
                flag, its history and its states are kept, and it can be restored.
              </Text>
            )}
            {action === "restore" && (
              <Text size="sm">SDKs receive the flag again, with the states it had.</Text>
            )}
            {action === "delete" && (
              <>
                <Text size="sm">
                  The flag and its states are removed for good; SDKs get their fallback value.
                  Archive it instead to keep it. Type the flag's key to confirm.
                </Text>
                <TextInput
                  label="Flag key"
                  placeholder={flag.key}
                  value={typed}
                  onChange={(e) => setTyped(e.currentTarget.value)}
                  data-autofocus
                />
              </>
            )}
            {blocked && (
              <Alert color="orange" title="An experiment uses this flag">
                {blocked}
              </Alert>
            )}
            {act.error && (
              <Alert color="red" title={`Not ${WORDS[action].done.toLowerCase()}`}>
                {act.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                color={action === "restore" ? undefined : "red"}
                loading={act.isPending}
                disabled={action === "delete" && typed.trim() !== flag.key}
                onClick={() => act.mutate(action)}
              >
                {WORDS[action].button}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
