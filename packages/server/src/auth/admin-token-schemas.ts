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
});
export const CreatedAdminTokenSchema = Type.Object({
  ...AdminTokenSchema.properties,
  secret: Type.String({
    description: "The full token. It is not stored and cannot be shown again",
  }),
});
export const AdminTokenCreateSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const AdminTokenParams = Type.Object({
  // Ids are 32-bit on PostgreSQL: a larger one would fail the query instead of matching nothing.
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
