import { Type } from "typebox";

export const AdminTokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  hint: Type.String({
    description:
      "The token's prefix and last four characters; the token itself is shown once, at creation",
  }),
  createdAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  kind: Type.Union([Type.Literal("instance"), Type.Literal("service"), Type.Literal("personal")]),
  workspace: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  scope: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
export const CreatedAdminTokenSchema = Type.Object({
  ...AdminTokenSchema.properties,
  secret: Type.String({
    description: "The full token. It is not stored and cannot be shown again",
  }),
});
const Scope = Type.Union([Type.Literal("read"), Type.Literal("write"), Type.Literal("admin")], {
  description:
    "read: GET only; write: also changes flags, metrics and experiments; admin: everything the role allows (default)",
});
const ExpiresAt = Type.String({ format: "date-time", description: "When the token stops working" });
export const AdminTokenCreateSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    workspace: Type.Optional(
      Type.String({ description: "With role: a service token of this workspace" }),
    ),
    role: Type.Optional(
      Type.Union(["owner", "admin", "editor", "viewer"].map((r) => Type.Literal(r))),
    ),
    scope: Type.Optional(Scope),
    expiresAt: Type.Optional(ExpiresAt),
  },
  { additionalProperties: false },
);
export const PersonalTokenCreateSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    scope: Type.Optional(Scope),
    expiresAt: Type.Optional(ExpiresAt),
  },
  { additionalProperties: false },
);
export const AdminTokenParams = Type.Object({
  // Ids are 32-bit on PostgreSQL: a larger one would fail the query instead of matching nothing.
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
