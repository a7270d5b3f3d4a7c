import { Select } from "@mantine/core";
import { useEffect } from "react";
import { useEnvironments } from "./workspace.js";

/** Picks one of the workspace's environments; chooses the first when none is set. */
export function EnvironmentSelect({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (env: string) => void;
}) {
  const environments = useEnvironments();
  const first = environments[0]?.key;
  useEffect(() => {
    if (value === undefined && first) onChange(first);
  }, [value, first, onChange]);
  return (
    <Select
      label="Environment"
      w={200}
      allowDeselect={false}
      data={environments.map((e) => ({ value: e.key, label: e.name }))}
      value={value ?? null}
      onChange={(v) => v && onChange(v)}
    />
  );
}
