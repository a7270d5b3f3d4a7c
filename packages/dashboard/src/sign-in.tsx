import {
  Alert,
  Anchor,
  Button,
  Center,
  Divider,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useEffect, useState } from "react";
import { session } from "./api/client.js";

/** The message of a refused answer, with how long to wait when the server said. */
async function refusal(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { message?: unknown };
  const retry = response.headers.get("retry-after");
  return typeof body.message === "string"
    ? `${body.message}${retry ? ` (in ${retry} s)` : ""}`
    : `The server answered ${response.status}`;
}

/**
 * Sign-in: with email and password (a session cookie), by single sign-on when the server has it,
 * or with an admin token (automation's break-glass), each checked by the server before the
 * dashboard opens.
 */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [mode, setMode] = useState<"person" | "token" | "invitation">(() =>
    new URLSearchParams(window.location.search).has("invitation") ? "invitation" : "person",
  );
  const [sso, setSso] = useState(false);
  useEffect(() => {
    void fetch("/api/v1/sso")
      .then((r) => (r.ok ? r.json() : { enabled: false }))
      .then((answer: { enabled?: boolean }) => setSso(answer.enabled === true))
      .catch(() => {});
  }, []);
  const person = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (/^[^@\s]+@[^@\s]+$/.test(v.trim()) ? null : "Enter your email"),
      password: (v) => (v === "" ? "Enter your password" : null),
    },
  });
  const joining = useForm({
    initialValues: {
      token: new URLSearchParams(window.location.search).get("invitation") ?? "",
      email: "",
      name: "",
      password: "",
    },
    validate: {
      token: (v) => (v.trim() === "" ? "Enter the invitation token" : null),
      email: (v) => (/^[^@\s]+@[^@\s]+$/.test(v.trim()) ? null : "Enter your email"),
      password: (v) => (v.length < 12 ? "At least 12 characters" : null),
    },
  });
  const token = useForm({
    initialValues: { token: "" },
    validate: { token: (v) => (v.trim() === "" ? "Enter the admin token" : null) },
  });
  const attempt = async (work: () => Promise<void>) => {
    setChecking(true);
    setError(null);
    try {
      await work();
    } catch {
      setError("The server cannot be reached");
    } finally {
      setChecking(false);
    }
  };
  const signInPerson = person.onSubmit(({ email, password }) =>
    attempt(async () => {
      const response = await fetch("/api/v1/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: email.trim(), password }),
      });
      if (response.status === 401) {
        person.setFieldError("password", "Wrong email or password");
        return;
      }
      if (!response.ok) {
        setError(await refusal(response));
        return;
      }
      const answer = (await response.json()) as { csrfToken: string };
      session.signInPerson(answer.csrfToken);
      onSignedIn();
    }),
  );
  const join = joining.onSubmit(({ token: invitation, email, name, password }) =>
    attempt(async () => {
      const response = await fetch("/api/v1/invitations/accept", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          token: invitation.trim(),
          email: email.trim(),
          ...(name.trim() ? { name: name.trim() } : {}),
          password,
        }),
      });
      if (!response.ok) {
        setError(await refusal(response));
        return;
      }
      const answer = (await response.json()) as { csrfToken: string };
      session.signInPerson(answer.csrfToken);
      window.history.replaceState(null, "", "/");
      onSignedIn();
    }),
  );
  const signInToken = token.onSubmit(({ token: value }) =>
    attempt(async () => {
      const response = await fetch("/api/v1/workspaces", {
        headers: { authorization: `Bearer ${value.trim()}` },
      });
      if (response.status === 401) {
        token.setFieldError("token", "This token is not valid");
        return;
      }
      if (!response.ok) {
        // A 429 says why (too many wrong tokens from this address) and for how long.
        setError(await refusal(response));
        return;
      }
      session.signIn(value.trim());
      onSignedIn();
    }),
  );
  return (
    <Center mih="100vh" bg="var(--mantine-color-default-hover)" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <Stack>
          <Title order={2}>FlagSync</Title>
          {error && (
            <Alert color="red" title="Cannot sign in">
              {error}
            </Alert>
          )}
          {mode === "invitation" && (
            <form onSubmit={join} noValidate>
              <Stack>
                <Text c="dimmed" size="sm">
                  Create your account with the invitation you were sent.
                </Text>
                <TextInput label="Invitation token" {...joining.getInputProps("token")} />
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="username"
                  {...joining.getInputProps("email")}
                />
                <TextInput label="Name (optional)" {...joining.getInputProps("name")} />
                <PasswordInput
                  label="New password"
                  description="At least 12 characters"
                  autoComplete="new-password"
                  {...joining.getInputProps("password")}
                />
                <Button type="submit" loading={checking}>
                  Create my account
                </Button>
                <ModeLink onClick={() => setMode("person")}>Back to email and password</ModeLink>
              </Stack>
            </form>
          )}
          {mode === "token" && (
            <form onSubmit={signInToken} noValidate>
              <Stack>
                <Text c="dimmed" size="sm">
                  Sign in with an admin token. The server printed where to find the first one when
                  it first started.
                </Text>
                <PasswordInput
                  label="Admin token"
                  placeholder="fs_admin_…"
                  autoFocus
                  autoComplete="current-password"
                  {...token.getInputProps("token")}
                />
                <Button type="submit" loading={checking}>
                  Sign in
                </Button>
                <ModeLink onClick={() => setMode("person")}>Back to email and password</ModeLink>
              </Stack>
            </form>
          )}
          {mode === "person" && (
            <form onSubmit={signInPerson} noValidate>
              <Stack>
                <TextInput
                  label="Email"
                  type="email"
                  autoFocus
                  autoComplete="username"
                  {...person.getInputProps("email")}
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  {...person.getInputProps("password")}
                />
                <Button type="submit" loading={checking}>
                  Sign in
                </Button>
                {sso && (
                  <>
                    <Divider label="or" labelPosition="center" />
                    <Button component="a" href="/api/v1/sso/start" variant="default">
                      Sign in with SSO
                    </Button>
                  </>
                )}
                <Group justify="space-between">
                  <ModeLink onClick={() => setMode("invitation")}>I have an invitation</ModeLink>
                  <ModeLink onClick={() => setMode("token")}>Use an admin token</ModeLink>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}

/** A link that shows another way of signing in. */
function ModeLink({ onClick, children }: { onClick: () => void; children: string }) {
  return (
    <Anchor component="button" type="button" size="sm" onClick={onClick}>
      {children}
    </Anchor>
  );
}
