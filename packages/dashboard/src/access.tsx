import { Alert, Button, type ButtonProps, Tooltip } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { api, must } from "./api/client.js";
import { useWorkspace } from "./workspace.js";

/** What a control needs, as the server's role table says (packages/server/src/auth/access.ts). */
export type Need = "edit" | "manage";

const ORDER = ["viewer", "editor", "admin", "owner"];
const LEAST: Record<Need, string> = { edit: "editor", manage: "admin" };
const REASON: Record<Need, string> = {
  edit: "Viewers see but do not change: an editor, admin or owner can.",
  manage: "Only an admin or owner of this workspace can do this.",
};

/** Who is signed in, and their role per workspace (a token of no one may do everything). */
export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: () => must(api.GET("/api/v1/me")),
    staleTime: 60_000,
  });
}

/**
 * Why the signed-in caller may not do what `need` asks in this workspace (in `environment`,
 * for an editor limited to some), or null when they may. Unknown yet: allowed (the API decides
 * anyway).
 */
export function useRefusal(need: Need, environment?: string): string | null {
  const ws = useWorkspace();
  const me = useMe().data;
  if (!me?.user || me.user.instanceAdmin) return null;
  const membership = me.workspaces.find((w) => w.key === ws);
  if (!membership) return "You are not a member of this workspace.";
  if (ORDER.indexOf(membership.role) < ORDER.indexOf(LEAST[need])) return REASON[need];
  const limited = membership.environments;
  if (need === "edit" && environment && limited && !limited.includes(environment))
    return `Your role may change only ${limited.join(", ")}.`;
  return null;
}

/** A button disabled, with the reason on hover, when the caller's role may not use it. */
export function AllowedButton({
  need,
  environment,
  children,
  ...props
}: ButtonProps & { need: Need; environment?: string; onClick?: () => void; children: ReactNode }) {
  const refusal = useRefusal(need, environment);
  const button = (
    <Button {...props} disabled={props.disabled || refusal !== null}>
      {children}
    </Button>
  );
  return refusal ? (
    <Tooltip label={refusal} withArrow>
      <span>{button}</span>
    </Tooltip>
  ) : (
    button
  );
}

/**
 * A form the caller's role may not change shown read-only: every control inside is disabled (a
 * disabled fieldset), with the reason above it.
 */
export function AllowedFieldset({
  need,
  environment,
  explain = true,
  children,
}: {
  need: Need;
  environment?: string;
  /** Whether to say why above it (false where the page says it already). */
  explain?: boolean;
  children: ReactNode;
}) {
  const refusal = useRefusal(need, environment);
  return (
    <>
      {refusal && explain && (
        <Alert color="gray" variant="light" title="Read only" mb="sm">
          {refusal}
        </Alert>
      )}
      <fieldset
        disabled={refusal !== null}
        style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}
      >
        {children}
      </fieldset>
    </>
  );
}
