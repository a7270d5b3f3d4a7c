import { Alert, Button, Group, Modal, Radio, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
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
    onSuccess: (x, body) => {
      queries.setQueryData(["experiment", ws, experiment.key], x);
      void queries.invalidateQueries({ queryKey: ["experiments", ws] });
      // A decision names what everyone should get now: offer to serve it.
      const chosen = body.decision === "ship" ? body.variant : experiment.baseline;
      if (body.decision !== "inconclusive" && chosen) setServe(chosen);
      else onClose();
    },
  });
  const [serve, setServe] = useState<string | null>(null);
  const rollOut = useMutation({
    mutationFn: (variant: string) =>
      must(
        api.PATCH("/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}", {
          params: { path: { ws, flag: experiment.flag, env: experiment.environment } },
          body: { enabled: true, onVariant: variant, rollout: [] },
        }),
      ),
    onSuccess: (_, variant) => {
      void queries.invalidateQueries({ queryKey: ["flag", ws, experiment.flag] });
      notifications.show({
        color: "green",
        title: "Rolled out",
        message: `${experiment.flag} serves ${variant} to everyone in ${experiment.environment}`,
      });
      onClose();
    },
  });
  if (serve !== null)
    return (
      <Modal opened onClose={onClose} title={`Serve ${serve} to everyone?`}>
        <Stack>
          {rollOut.error && <Alert color="red">{rollOut.error.message}</Alert>}
          <Text size="sm">
            The experiment is stopped. Flag <b>{experiment.flag}</b> can now serve <b>{serve}</b> to
            everyone in {experiment.environment}: it is turned on with {serve} as its on variant and
            its percentage rollout removed. Targeting rules stay and still apply.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Not now
            </Button>
            <Button onClick={() => rollOut.mutate(serve)} loading={rollOut.isPending}>
              Serve {serve} to everyone
            </Button>
          </Group>
        </Stack>
      </Modal>
    );
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
