import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { api, must } from "../api/client.js";
import { useWorkspace } from "../workspace.js";
import { ATTRIBUTES, OPERATORS } from "./flag-types.js";

/** A clause as a person reads it: "Email ends with @acme.com". */
const clauseText = (c: {
  attribute: string;
  customAttribute?: string | null;
  operator: string;
  values: string[];
}) =>
  [
    c.attribute === "CUSTOM"
      ? (c.customAttribute ?? "?")
      : (ATTRIBUTES.find((a) => a.value === c.attribute)?.label ?? c.attribute),
    OPERATORS.find((o) => o.value === c.operator)?.label ?? c.operator,
    c.values.join(", "),
  ].join(" ");

/**
 * "Why did this user get that?": a context (key and attributes) evaluated against the flag in
 * this environment as the SDKs do, with the rule and clause outcomes and the rollout bucket.
 */
export function ExplainPanel({ flag, environment }: { flag: string; environment: string }) {
  const ws = useWorkspace();
  const [key, setKey] = useState("");
  const [attributes, setAttributes] = useState("{}");
  const [bad, setBad] = useState<string | null>(null);
  const why = useMutation({
    mutationFn: (body: {
      key: string;
      attributes: Record<string, unknown>;
      ip?: string;
      country?: string;
    }) =>
      must(
        api.POST("/api/v1/workspaces/{ws}/flags/{flag}/environments/{env}/explain", {
          params: { path: { ws, flag, env: environment } },
          body,
        }),
      ),
  });
  const [seen, setSeen] = useState<string | null>(null);
  // The address and country the last seen context came with (IP and country clauses read them).
  const [sentWith, setSentWith] = useState<{ ip?: string; country?: string }>({});
  // The attributes an SDK last sent for this user with an impression here.
  const lastSeen = useMutation({
    mutationFn: (user: string) =>
      must(
        api.GET("/api/v1/workspaces/{ws}/environments/{env}/users/{user}/last-context", {
          params: { path: { ws, env: environment, user } },
        }),
      ),
    onSuccess: (found) => {
      const { key: _key, ...rest } = found.context;
      const { attributes: attrs = {}, ...request } = rest;
      setAttributes(JSON.stringify({ ...attrs }, null, 2));
      setSentWith(request);
      setSeen(
        `Attributes of its latest impression (flag ${found.flag}, ${new Date(found.seenAt).toLocaleString()})${
          Object.keys(request).length > 0 ? `; sent with ${JSON.stringify(request)}` : ""
        }`,
      );
      setBad(null);
    },
  });
  const ask = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(attributes || "{}");
    } catch {
      setBad('Attributes are a JSON object, e.g. {"email": "ada@acme.com"}');
      return;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      setBad("Attributes are a JSON object");
      return;
    }
    setBad(null);
    why.mutate({ key: key.trim(), attributes: parsed as Record<string, unknown>, ...sentWith });
  };
  const answer = why.data;
  return (
    <Paper withBorder p="sm" mt="md" component="section" aria-label="Why did this user get that?">
      <Title order={4} size="h5" mb="xs">
        Why did this user get that?
      </Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="User key"
          value={key}
          onChange={(e) => {
            setKey(e.currentTarget.value);
            setSentWith({});
            setSeen(null);
          }}
          w={220}
        />
        <Textarea
          label="Attributes (JSON)"
          autosize
          minRows={1}
          value={attributes}
          onChange={(e) => setAttributes(e.currentTarget.value)}
          error={bad}
          w={360}
          maw="100%"
        />
        <Button
          variant="default"
          disabled={key.trim() === ""}
          loading={lastSeen.isPending}
          onClick={() => lastSeen.mutate(key.trim())}
        >
          Attributes last seen
        </Button>
        <Button variant="light" disabled={key.trim() === ""} loading={why.isPending} onClick={ask}>
          Explain
        </Button>
      </Group>
      {seen && !lastSeen.error && (
        <Text size="xs" c="dimmed" mt={4}>
          {seen}
        </Text>
      )}
      {lastSeen.error && (
        <Alert color="yellow" mt="sm" title="Not seen here">
          {lastSeen.error.message}
        </Alert>
      )}
      {why.error && (
        <Alert color="red" mt="sm" title="Not explained">
          {why.error.message}
        </Alert>
      )}
      {answer && (
        <Stack gap={6} mt="sm" aria-label="Explanation">
          <Text>
            Serves <Code>{JSON.stringify(answer.value)}</Code>{" "}
            {answer.variant ? `(variant ${answer.variant})` : "(the SDK's default)"} ·{" "}
            <Badge variant="light">{answer.reason}</Badge>
            {answer.errorCode ? ` ${answer.errorCode}` : ""} · version {answer.version}
          </Text>
          {!answer.enabled && (
            <Text size="sm">The flag is off here: everyone gets the off variant.</Text>
          )}
          {answer.rules.length > 0 && (
            <List size="sm">
              {answer.rules.map((rule, i) => (
                <List.Item key={rule.id}>
                  Rule {i + 1}
                  {rule.name ? ` "${rule.name}"` : ""} → {rule.variant ?? "?"}:{" "}
                  {!rule.evaluated ? "not reached" : rule.matched ? "matched" : "did not match"}
                  {rule.evaluated &&
                    rule.clauses.map((c) => (
                      <Text
                        key={clauseText(c)}
                        size="xs"
                        c={c.matched ? "green" : c.matched === false ? "red" : "dimmed"}
                      >
                        {c.matched === null ? "·" : c.matched ? "✓" : "✗"} {clauseText(c)}
                      </Text>
                    ))}
                </List.Item>
              ))}
            </List>
          )}
          {answer.rollout && (
            <Text size="sm">
              Rollout: bucket {answer.rollout.bucket} of 0–99 falls in{" "}
              {answer.rollout.slices
                .filter((s) => s.chosen)
                .map((s) => `${s.variant} (${s.from}–${s.to})`)
                .join(", ") || "no slice"}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
