import type { ColumnType, Generated } from "kysely";

// Kysely table types. Booleans are 0/1 integers and times are UTC ISO strings on both dialects;
// JSON columns are text on SQLite and jsonb on PostgreSQL (see dialects.ts for reading them).

export interface WorkspacesTable {
  id: Generated<number>;
  key: string;
  name: string;
  created_at: string;
}

export interface EnvironmentsTable {
  id: Generated<number>;
  workspace_id: number;
  key: string;
  name: string;
  created_at: string;
  /** 1 when changes there are confirmed before they are saved. */
  production: Generated<number>;
  /** Approvals a change to a flag's state needs here (0: none, changes apply at once). */
  approvals_required: Generated<number>;
  /** The least role of who may approve. */
  approver_role: Generated<string>;
}

export interface SdkKeysTable {
  id: Generated<number>;
  environment_id: number;
  kind: "server" | "client";
  name: string;
  key_hash: string;
  /** The first characters and the last four, enough to recognise a key without revealing it. */
  key_hint: string;
  created_at: string;
  /** When the key stops working: set by revoke (now) or rotate (now plus a grace period). */
  revoked_at: string | null;
}

export interface AdminTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  token_hint: string;
  created_at: string;
  revoked_at: string | null;
  /** A personal token's owner (it acts as them); null for service and older tokens. */
  user_id: number | null;
  /** A service token's workspace and role; null role: an older token, which opens everything. */
  workspace_id: number | null;
  role: string | null;
  /** read, write or admin; null: admin. */
  scope: string | null;
  expires_at: string | null;
  last_used_at: string | null;
}

/** A person who signs in (see migration 0016-people). */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  instance_admin: number;
  deactivated_at: string | null;
  created_at: string;
}

/** A user's role in a workspace. */
export interface MembershipsTable {
  workspace_id: number;
  user_id: number;
  role: string;
  environments: string | null;
  created_at: string;
}

/** A link that lets one person create their account with a role (see People.invite). */
export interface InvitationsTable {
  id: Generated<number>;
  token_hash: string;
  workspace_id: number | null;
  role: string | null;
  environments: string | null;
  instance_admin: number;
  email: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A signed-in browser: the cookie's secret hashed. */
export interface SessionsTable {
  id: Generated<number>;
  secret_hash: string;
  user_id: number;
  csrf_token: string;
  address: string;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ChangeRequestsTable {
  id: Generated<number>;
  workspace_id: number;
  environment_id: number;
  flag_key: string;
  base_version: number;
  /** JSON: the change proposed (a state patch, as a direct change sends it). */
  proposal: unknown;
  proposal_hash: string;
  /** JSON: the state before and after the change, as the API shows states (at the last edit, or as applied). */
  before: unknown;
  after: unknown;
  comment: string;
  author: string;
  author_key: string;
  status: string;
  created_at: string;
  updated_at: string;
  closed_by: string | null;
  closed_at: string | null;
  applied_version: number | null;
}

export interface ChangeRequestReviewsTable {
  id: Generated<number>;
  request_id: number;
  reviewer: string;
  reviewer_key: string;
  decision: string;
  proposal_hash: string;
  base_version: number;
  comment: string;
  created_at: string;
}

export interface SchedulesTable {
  id: Generated<number>;
  workspace_id: number;
  environment_id: number;
  flag_key: string;
  /** JSON: the state patch it applies (empty for a change request's schedule). */
  change: unknown;
  /** JSON: the values of the fields it sets, as they should be just before it runs. */
  expected: unknown;
  change_request_id: number | null;
  run_at: string;
  status: string;
  comment: string;
  author: string;
  author_key: string;
  created_at: string;
  claimed_until: string | null;
  closed_at: string | null;
  closed_by: string | null;
  applied_version: number | null;
  failure: string | null;
}

/** An SDK client that dropped items, as it reported last (counters since it started). */
export interface SdkClientsTable {
  environment_id: number;
  client_id: string;
  sdk_name: string;
  sdk_version: string;
  dropped_impressions: number | string;
  dropped_events: number | string;
  first_seen: string;
  last_seen: string;
}

export interface WebhooksTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  url: string;
  /** The signing secret (kept as is: it signs every delivery); shown once, never listed. */
  secret: string;
  /** JSON: the events it receives. */
  events: unknown;
  format: string;
  active: number;
  created_at: string;
  created_by: string;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number;
  event: string;
  /** The exact body sent (signed as it is). */
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
}

export interface FlagsTable {
  id: Generated<number>;
  workspace_id: number;
  key: string;
  name: string;
  description: string;
  type: string;
  variants: unknown;
  /** JSON array of tag strings. */
  tags: ColumnType<unknown, unknown | undefined, unknown>;
  next_variant_id: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface FlagStatesTable {
  flag_id: number;
  environment_id: number;
  enabled: number;
  off_variant_id: number;
  on_variant_id: number;
  seed: string;
  rollout: unknown;
  rules: unknown;
  next_rule_id: number;
  version: number;
  updated_at: string;
}

export interface AuditEntriesTable {
  id: Generated<number>;
  workspace_id: number;
  actor: string;
  action: string;
  resource_type: string;
  resource_key: string;
  flag_key: string | null;
  environment_key: string | null;
  before: unknown;
  after: unknown;
  /** Why the change was made, when its author said. */
  comment: string | null;
  /** The client address the change came from; null for the server's own. */
  address: string | null;
  created_at: string;
}

export interface RawEventsTable {
  id: Generated<number>;
  environment_id: number;
  event_key: string;
  user_key: string;
  value: number | null;
  properties: unknown;
  context: unknown;
  timestamp: string;
  received_at: string;
  source: string;
  /** The sender's id for the event; unique per environment when present. */
  client_id: string | null;
}

export interface RawImpressionsTable {
  id: Generated<number>;
  environment_id: number;
  flag_key: string;
  user_key: string;
  flag_value: unknown;
  /** The variant the served value maps to; null when unknown. */
  variant_id: number | null;
  /** Why the variant was served, when the SDK said (our own endpoint); null otherwise. */
  reason: string | null;
  /**
   * The variant and reason (SPLIT, TARGETING_MATCH, DISABLED, DEFAULT, ERROR) the server
   * derives by evaluating the flag version in force at the impression's time (or at arrival,
   * for times before the flag's first version) for its context; null for unknown flags.
   */
  derived_variant_id: number | null;
  derived_reason: string | null;
  context: unknown;
  timestamp: string;
  received_at: string;
  source: string;
}

/** Each version of a flag's evaluable form in an environment, from when it was in force. */
export interface FlagVersionsTable {
  id: Generated<number>;
  environment_id: number;
  flag_key: string;
  in_force_from: string;
  /** JSON: core's Flag (key, type, variants, state). */
  flag: unknown;
}

export interface ExposuresTable {
  environment_id: number;
  flag_key: string;
  user_key: string;
  /** 0 when the served value could not be mapped to one variant. */
  variant_id: number;
  first_at: string;
}

export interface EventCatalogTable {
  environment_id: number;
  event_key: string;
  /** JSON: property name → { types: JSON type names seen, examples: a few values }. */
  properties: unknown;
}

/** Counters of a key, split into slots written by different transactions; sum them to read. */
export interface EventCatalogCountsTable {
  environment_id: number;
  event_key: string;
  slot: number;
  first_seen: string;
  last_seen: string;
  total: number;
  value_count: number;
  value_min: number | null;
  value_max: number | null;
  value_sum: number;
}

export interface EventHourCountsTable {
  environment_id: number;
  event_key: string;
  /** UTC hour, `YYYY-MM-DDTHH`. */
  hour: string;
  slot: number;
  count: number;
}

export interface MetricsTable {
  id: Generated<number>;
  workspace_id: number;
  key: string;
  name: string;
  description: string;
  /** conversion, count, sum or average. */
  kind: string;
  event_key: string;
  /** Dotted property path of the value; null for the event's eventValue. */
  value_path: string | null;
  /** JSON array of property filters. */
  filters: unknown;
  /** increase or decrease. */
  direction: string;
  created_at: string;
  updated_at: string;
}

export interface ExperimentsTable {
  id: Generated<number>;
  workspace_id: number;
  key: string;
  name: string;
  hypothesis: string;
  flag_key: string;
  environment_id: number;
  baseline_variant_id: number;
  /** JSON array of the compared variant ids (the baseline excluded). */
  variant_ids: unknown;
  /** JSON object: variant id → expected share of traffic. */
  traffic: unknown;
  primary_metric_id: number;
  secondary_metric_ids: unknown;
  settings: unknown;
  /** draft, running or stopped. */
  status: string;
  started_at: string | null;
  stopped_at: string | null;
  /** JSON array of phases, oldest first: { startedAt, traffic (variant id → share), reason }. */
  phases: unknown;
  /** Where the analysis window ends at the latest (ISO); null: at the stop, or now. */
  analysis_end: string | null;
  decision: unknown;
  created_at: string;
  updated_at: string;
}

export interface ExperimentSnapshotsTable {
  id: Generated<number>;
  experiment_id: number;
  computed_at: string;
  window_start: string;
  window_end: string;
  duration_ms: number;
  result: unknown;
}

/** A segment of an analysis' kept rows (see analysis/kept-store.ts). */
export interface AnalysisKeptTable {
  signature: string;
  segment: number;
  token: string;
  built_at: string;
  header: string;
}

/** Bytes of a kept segment, in order of `part`. */
export interface AnalysisKeptPartsTable {
  signature: string;
  token: string;
  part: number;
  data: Uint8Array;
}

/** Ingestion requests committed, by the token GroupCommit gave them (see 0009-ingest-commits). */
export interface IngestCommitsTable {
  token: string;
  result: string | null;
  committed_at: string;
}

export interface Tables {
  ingest_commits: IngestCommitsTable;
  metrics: MetricsTable;
  experiments: ExperimentsTable;
  experiment_snapshots: ExperimentSnapshotsTable;
  analysis_kept: AnalysisKeptTable;
  analysis_kept_parts: AnalysisKeptPartsTable;
  event_catalog: EventCatalogTable;
  event_catalog_counts: EventCatalogCountsTable;
  event_hour_counts: EventHourCountsTable;
  exposures: ExposuresTable;
  flag_versions: FlagVersionsTable;
  workspaces: WorkspacesTable;
  environments: EnvironmentsTable;
  sdk_keys: SdkKeysTable;
  admin_tokens: AdminTokensTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  flags: FlagsTable;
  flag_states: FlagStatesTable;
  change_requests: ChangeRequestsTable;
  change_request_reviews: ChangeRequestReviewsTable;
  schedules: SchedulesTable;
  webhooks: WebhooksTable;
  sdk_clients: SdkClientsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  audit_entries: AuditEntriesTable;
  raw_events: RawEventsTable;
  raw_impressions: RawImpressionsTable;
}
