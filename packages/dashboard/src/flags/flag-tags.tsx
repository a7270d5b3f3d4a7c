import { Group, TagsInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AllowedButton, useRefusal } from "../access.js";
import { ApiFailure, api, must } from "../api/client.js";
import { useUnsavedChanges } from "../unsaved-changes.js";
import { useWorkspace } from "../workspace.js";
import type { Flag } from "./flag-types.js";

/** A flag's tags, edited as chips and saved with the flag (they group and find flags). */
export function FlagTags({ flag }: { flag: Flag }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const [tags, setTags] = useState(flag.tags);
  const [error, setError] = useState<string | null>(null);
  const changed = tags.join("\n") !== flag.tags.join("\n");
  const refusal = useRefusal("edit");
  useUnsavedChanges(changed, `the tags of ${flag.key}`);
  const save = useMutation({
    mutationFn: () =>
      must(
        api.PATCH("/api/v1/workspaces/{ws}/flags/{flag}", {
          params: { path: { ws, flag: flag.key } },
          body: { tags },
        }),
      ),
    onSuccess: async () => {
      setError(null);
      notifications.show({ color: "green", message: `Saved the tags of ${flag.key}` });
      await Promise.all([
        queries.invalidateQueries({ queryKey: ["flag", ws, flag.key] }),
        queries.invalidateQueries({ queryKey: ["flags", ws] }),
        queries.invalidateQueries({ queryKey: ["audit", ws, flag.key] }),
      ]);
    },
    onError: (e) =>
      setError(e instanceof ApiFailure ? (e.fieldMessage("body.tags") ?? e.message) : e.message),
  });
  return (
    <Group align="flex-end">
      <TagsInput
        label="Tags"
        disabled={refusal !== null}
        placeholder="team:payments, press Enter"
        value={tags}
        onChange={(value) => {
          setTags(value);
          setError(null);
        }}
        error={error}
        w={480}
        maw="100%"
      />
      <AllowedButton
        need="edit"
        variant="light"
        disabled={!changed}
        loading={save.isPending}
        onClick={() => save.mutate()}
      >
        Save tags
      </AllowedButton>
    </Group>
  );
}
