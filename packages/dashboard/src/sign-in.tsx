import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { session } from "./api/client.js";

/** Sign-in with the admin token, checked against the API before it is kept for the session. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const form = useForm({
    initialValues: { token: "" },
    validate: { token: (v) => (v.trim() === "" ? "Enter the admin token" : null) },
  });
  const submit = form.onSubmit(async ({ token }) => {
    setChecking(true);
    setError(null);
    try {
      const response = await fetch("/api/v1/workspaces", {
        headers: { authorization: `Bearer ${token.trim()}` },
      });
      if (response.status === 401) {
        form.setFieldError("token", "This token is not valid");
        return;
      }
      if (!response.ok) {
        // A 429 says why (too many wrong tokens from this address) and for how long.
        const body = (await response.json().catch(() => ({}))) as { message?: unknown };
        const retry = response.headers.get("retry-after");
        setError(
          typeof body.message === "string"
            ? `${body.message}${retry ? ` (in ${retry} s)` : ""}`
            : `The server answered ${response.status}`,
        );
        return;
      }
      session.signIn(token.trim());
      onSignedIn();
    } catch {
      setError("The server cannot be reached");
    } finally {
      setChecking(false);
    }
  });
  return (
    <Center mih="100vh" bg="var(--mantine-color-default-hover)" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2}>FlagSync</Title>
            <Text c="dimmed" size="sm">
              Sign in with the admin token. The server printed where to find it when it first
              started.
            </Text>
            {error && (
              <Alert color="red" title="Cannot sign in">
                {error}
              </Alert>
            )}
            <PasswordInput
              label="Admin token"
              placeholder="fs_admin_…"
              autoFocus
              autoComplete="current-password"
              {...form.getInputProps("token")}
            />
            <Button type="submit" loading={checking}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
