import {
  Alert,
  Badge,
  Button,
  CopyButton,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { AllowedButton } from "../access.js";
import { api, must } from "../api/client.js";
import { useWorkspace, useWorkspaces } from "../workspace.js";

const ROLES = [
  { value: "viewer", label: "Viewer: sees everything, changes nothing" },
  { value: "editor", label: "Editor: flags, metrics, experiments" },
  { value: "admin", label: "Admin: also members, environments, SDK keys" },
  { value: "owner", label: "Owner: also owners and deleting the workspace" },
];
const roleName = (role: string) => role.charAt(0).toUpperCase() + role.slice(1);

interface Member {
  user: { id: number; email: string; name: string; active: boolean };
  role: string;
  environments: string[] | null;
}

/** A change waiting for its confirmation: every edit here is a draft until confirmed. */
type Draft =
  | { kind: "role"; member: Member; role: string; environments: string[] }
  | { kind: "remove"; member: Member };

/**
 * The workspace's members and invitations. Changing a role or removing someone is asked first
 * and saved only when confirmed; an invitation's token is shown once. The API decides who may
 * (admins and owners; only owners give or take the owner role) and says why it refused.
 */
export function MembersPage() {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const environments =
    useWorkspaces()
      .data?.find((w) => w.key === ws)
      ?.environments.map((e) => e.key) ?? [];
  const members = useQuery({
    queryKey: ["members", ws],
    queryFn: () => must(api.GET("/api/v1/workspaces/{ws}/members", { params: { path: { ws } } })),
  });
  const invitations = useQuery({
    queryKey: ["invitations", ws],
    queryFn: () =>
      must(api.GET("/api/v1/workspaces/{ws}/invitations", { params: { path: { ws } } })),
    retry: false,
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [inviting, setInviting] = useState(false);
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: ["members", ws] });
    void queries.invalidateQueries({ queryKey: ["invitations", ws] });
  };
  const save = useMutation({
    mutationFn: async (change: Draft) => {
      const path = { ws, user: change.member.user.id };
      if (change.kind === "remove")
        return must(api.DELETE("/api/v1/workspaces/{ws}/members/{user}", { params: { path } }));
      return must(
        api.PUT("/api/v1/workspaces/{ws}/members/{user}", {
          params: { path },
          body: {
            role: change.role as "viewer" | "editor" | "admin" | "owner",
            ...(change.role === "editor" && change.environments.length > 0
              ? { environments: change.environments }
              : {}),
          },
        }),
      );
    },
    onSuccess: () => {
      setDraft(null);
      refresh();
    },
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Members</Title>
        <AllowedButton need="manage" onClick={() => setInviting(true)}>
          Invite someone
        </AllowedButton>
      </Group>
      <Text c="dimmed" size="sm">
        Who may see and change this workspace. An editor may be limited to some environments (for
        example development only).
      </Text>
      {members.isPending && <Loader aria-label="Loading the members" />}
      {members.error && (
        <Alert color="red" title="The members could not be loaded">
          {members.error.message}
        </Alert>
      )}
      {members.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Members" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>May change</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((member) => (
                <Table.Tr key={member.user.id}>
                  <Table.Td>
                    <Text size="sm">{member.user.email}</Text>
                    {!member.user.active && (
                      <Badge color="gray" variant="light">
                        deactivated
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{roleName(member.role)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {member.role === "viewer"
                        ? "nothing"
                        : member.environments
                          ? member.environments.join(", ")
                          : "every environment"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <AllowedButton
                        need="manage"
                        size="xs"
                        variant="default"
                        onClick={() =>
                          setDraft({
                            kind: "role",
                            member,
                            role: member.role,
                            environments: member.environments ?? [],
                          })
                        }
                      >
                        Change role
                      </AllowedButton>
                      <AllowedButton
                        need="manage"
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setDraft({ kind: "remove", member })}
                      >
                        Remove
                      </AllowedButton>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {invitations.data?.some((i) => i.usedAt === null) && (
        <Stack gap="xs">
          <Title order={4}>Open invitations</Title>
          {invitations.data
            .filter((i) => i.usedAt === null)
            .map((invitation) => (
              <Text key={invitation.id} size="sm">
                {roleName(invitation.role ?? "viewer")}
                {invitation.email ? ` for ${invitation.email}` : " for anyone with the link"}, until{" "}
                {new Date(invitation.expiresAt).toLocaleString()}
              </Text>
            ))}
        </Stack>
      )}
      <ChangeDialog
        draft={draft}
        environments={environments}
        saving={save.isPending}
        error={save.error?.message ?? null}
        onChange={setDraft}
        onCancel={() => {
          save.reset();
          setDraft(null);
        }}
        onConfirm={() => draft && save.mutate(draft)}
      />
      <InviteDialog
        opened={inviting}
        environments={environments}
        onClose={() => setInviting(false)}
        onInvited={refresh}
      />
    </Stack>
  );
}

function ChangeDialog(props: {
  draft: Draft | null;
  environments: string[];
  saving: boolean;
  error: string | null;
  onChange: (draft: Draft) => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { draft } = props;
  return (
    <Modal
      opened={draft !== null}
      onClose={props.onCancel}
      title={draft?.kind === "remove" ? "Remove this member?" : "Change the role"}
    >
      {draft && (
        <Stack>
          {draft.kind === "remove" ? (
            <Text size="sm">
              {draft.member.user.email} will no longer see or change this workspace.
            </Text>
          ) : (
            <>
              <Text size="sm">{draft.member.user.email}</Text>
              <Select
                label="Role"
                data={ROLES}
                value={draft.role}
                allowDeselect={false}
                onChange={(role) => role && props.onChange({ ...draft, role })}
              />
              {draft.role === "editor" && (
                <MultiSelect
                  label="May change only these environments"
                  description="None chosen: every environment"
                  data={props.environments}
                  value={draft.environments}
                  onChange={(environments) => props.onChange({ ...draft, environments })}
                />
              )}
            </>
          )}
          {props.error && (
            <Alert color="red" title="Not saved">
              {props.error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onCancel}>
              Cancel
            </Button>
            <Button
              color={draft.kind === "remove" ? "red" : undefined}
              loading={props.saving}
              disabled={
                draft.kind === "role" &&
                draft.role === draft.member.role &&
                (draft.member.environments ?? []).join() === draft.environments.join()
              }
              onClick={props.onConfirm}
            >
              {draft.kind === "remove" ? "Remove" : "Save role"}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function InviteDialog(props: {
  opened: boolean;
  environments: string[];
  onClose: () => void;
  onInvited: () => void;
}) {
  const ws = useWorkspace();
  const [role, setRole] = useState("viewer");
  const [email, setEmail] = useState("");
  const [environments, setEnvironments] = useState<string[]>([]);
  const [token, setToken] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: () =>
      must(
        api.POST("/api/v1/workspaces/{ws}/invitations", {
          params: { path: { ws } },
          body: {
            role: role as "viewer" | "editor" | "admin" | "owner",
            ...(email.trim() ? { email: email.trim() } : {}),
            ...(role === "editor" && environments.length > 0 ? { environments } : {}),
          },
        }),
      ),
    onSuccess: (created) => {
      setToken(created.token);
      props.onInvited();
    },
  });
  const link = token ? `${window.location.origin}/?invitation=${encodeURIComponent(token)}` : "";
  const close = () => {
    props.onClose();
    // The token leaves the page with the dialog.
    setToken(null);
    setEmail("");
    setRole("viewer");
    setEnvironments([]);
    invite.reset();
  };
  return (
    <Modal opened={props.opened} onClose={close} title="Invite someone">
      {token ? (
        <Stack>
          <Text size="sm">
            Send this link to the person. It is shown only now, works once, and expires in 72 hours:
            it opens the dashboard's form that creates their account.
          </Text>
          <TextInput label="Invitation link" value={link} readOnly />
          <Group justify="flex-end">
            <CopyButton value={link}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? "Copied" : "Copy"}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Select
            label="Role"
            data={ROLES}
            value={role}
            allowDeselect={false}
            onChange={(value) => value && setRole(value)}
          />
          {role === "editor" && (
            <MultiSelect
              label="May change only these environments"
              description="None chosen: every environment"
              data={props.environments}
              value={environments}
              onChange={setEnvironments}
            />
          )}
          <TextInput
            label="Email (optional)"
            description="Only this email may accept it"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          {invite.error && (
            <Alert color="red" title="No invitation made">
              {invite.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button loading={invite.isPending} onClick={() => invite.mutate()}>
              Create invitation
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
