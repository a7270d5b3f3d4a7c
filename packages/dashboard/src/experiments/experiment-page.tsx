import { Title } from "@mantine/core";

export function ExperimentPage() {
  return <Title order={2}>ExperimentPage</Title>;
}
