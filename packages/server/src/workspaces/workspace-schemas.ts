import { Type } from "typebox";

export const KeyPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";
const ResourceKey = Type.String({ minLength: 1, maxLength: 64, pattern: KeyPattern });

export const WorkspaceParams = Type.Object({ ws: Type.String({ maxLength: 64 }) });
export const EnvironmentParams = Type.Object({
  ws: Type.String({ maxLength: 64 }),
  env: Type.String({ maxLength: 64 }),
});
export const KeyParams = Type.Object({
  ws: Type.String({ maxLength: 64 }),
  env: Type.String({ maxLength: 64 }),
  // Ids are 32-bit on PostgreSQL: a larger one would fail the query instead of matching nothing.
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

const Production = Type.Boolean({
  description:
    "A production environment: the dashboard asks for confirmation, with an optional comment for the audit log, before a change there is saved",
});
const Approvals = Type.Object(
  {
    required: Type.Integer({
      minimum: 0,
      maximum: 5,
      description:
        "Approvals a change to a flag's state here needs before it is applied (0: none; changes apply at once)",
    }),
    approverRole: Type.Union(
      [Type.Literal("editor"), Type.Literal("admin"), Type.Literal("owner")],
      {
        description: "The least role of who may approve (never the request's author)",
      },
    ),
  },
  { additionalProperties: false },
);
export const EnvironmentSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  production: Production,
  approvals: Approvals,
  createdAt: Type.String(),
});
export const WorkspaceSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  environments: Type.Array(EnvironmentSchema),
});

export const SdkKeySchema = Type.Object({
  id: Type.Integer(),
  kind: Type.Union([Type.Literal("server"), Type.Literal("client")]),
  name: Type.String(),
  hint: Type.String({
    description:
      "The key's prefix and last four characters; the key itself is shown once, at creation",
  }),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export const CreatedSdkKeySchema = Type.Object({
  ...SdkKeySchema.properties,
  secret: Type.String({ description: "The full key. It is not stored and cannot be shown again" }),
});

export const WorkspaceCreateSchema = Type.Object(
  {
    key: ResourceKey,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    environments: Type.Optional(
      Type.Array(ResourceKey, { minItems: 1, maxItems: 20, default: undefined }),
    ),
  },
  { additionalProperties: false },
);
export const NameUpdateSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const EnvironmentCreateSchema = Type.Object(
  {
    key: ResourceKey,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    production: Type.Optional(Production),
  },
  { additionalProperties: false },
);
export const EnvironmentUpdateSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    production: Type.Optional(Production),
    approvals: Type.Optional(Approvals),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const SdkKeyCreateSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal("server"), Type.Literal("client")]),
    name: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const RotateSchema = Type.Object(
  {
    graceSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 30 * 86_400,
        default: 0,
        description: "How long the old key keeps working",
      }),
    ),
  },
  { additionalProperties: false },
);
