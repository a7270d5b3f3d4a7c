import { Title } from "@mantine/core";

export function ExperimentsPage() {
  return <Title order={2}>ExperimentsPage</Title>;
}
