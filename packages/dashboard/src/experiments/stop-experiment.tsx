import { Alert, Button, Group, Modal, Radio, Select, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import type { Experiment, StopInput } from "./experiment-types.js";

/** Stops an experiment with the decision taken: ship a variant, roll back, or inconclusive. */
export function StopExperiment({
  experiment,
  onClose,
}: {
  experiment: Experiment;
  onClose: () => void;
}) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const form = useForm<{ decision: StopInput["decision"]; variant: string; note: string }>({
    initialValues: { decision: "ship", variant: experiment.variants[0] ?? "", note: "" },
    validate: {
      variant: (v, values) =>
        values.decision === "ship" && !v ? "Choose the variant shipped" : null,
    },
  });
  const stop = useMutation({
    mutationFn: (body: StopInput) =>
      must(
        api.POST("/api/v1/workspaces/{ws}/experiments/{experiment}/stop", {
          params: { path: { ws, experiment: experiment.key } },
          body,
        }),
      ),
    onSuccess: (x) => {
      queries.setQueryData(["experiment", ws, experiment.key], x);
      void queries.invalidateQueries({ queryKey: ["experiments", ws] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Stop ${experiment.key}`}>
      <form
        onSubmit={form.onSubmit((v) =>
          stop.mutate({
            decision: v.decision,
            ...(v.decision === "ship" ? { variant: v.variant } : {}),
            ...(v.note.trim() ? { note: v.note.trim() } : {}),
          }),
        )}
      >
        <Stack>
          {stop.error && <Alert color="red">{stop.error.message}</Alert>}
          <Radio.Group label="Decision" {...form.getInputProps("decision")}>
            <Stack gap="xs" mt="xs">
              <Radio value="ship" label="Ship a variant" />
              <Radio value="rollback" label="Roll back to the baseline" />
              <Radio value="inconclusive" label="Inconclusive" />
            </Stack>
          </Radio.Group>
          {form.values.decision === "ship" && (
            <Select
              label="Variant shipped"
              allowDeselect={false}
              data={[experiment.baseline, ...experiment.variants]}
              {...form.getInputProps("variant")}
            />
          )}
          <Textarea label="Note" autosize minRows={2} {...form.getInputProps("note")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={stop.isPending}>
              Stop experiment
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
