import { type Static, Type } from "typebox";
import { oneOf } from "../flags/flag-schemas.js";
import { PROPERTY_PATH_MAX_LENGTH, PROPERTY_PATH_PATTERN } from "../storage/json-paths.js";

export const METRIC_KINDS = ["conversion", "count", "sum", "average"] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];
export const DIRECTIONS = ["increase", "decrease"] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const FILTER_OPERATORS = [
  "equals",
  "not_equals",
  "in",
  "exists",
  "gt",
  "gte",
  "lt",
  "lte",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const Key = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$",
});

/** A dotted property path: `price`, `cart.total`; at most 8 levels. */
export const PropertyPath = Type.String({
  minLength: 1,
  maxLength: PROPERTY_PATH_MAX_LENGTH,
  pattern: PROPERTY_PATH_PATTERN,
  description: "Dotted path into the event's properties, e.g. `cart.total`",
});

// Any JSON here, checked by the service: a union would let the validator coerce "5" to 5.
const Scalar = Type.Unknown({
  description: "A JSON string (at most 500 characters), number, boolean or null",
});

export const FilterSchema = Type.Object(
  {
    property: PropertyPath,
    operator: oneOf<FilterOperator>(
      FILTER_OPERATORS,
      'equals / not_equals: type-strict (the string "5" is not the number 5), a missing property is not equal; in: one of `values`; exists: present and not null; gt, gte, lt, lte: JSON numbers only',
    ),
    value: Type.Optional(Scalar),
    values: Type.Optional(Type.Array(Scalar, { minItems: 1, maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type MetricFilter = Static<typeof FilterSchema>;

const metricFields = {
  name: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  kind: oneOf<MetricKind>(
    METRIC_KINDS,
    "conversion: a user converts with at least one matching event; count, sum, average: per-user aggregation of matching events",
  ),
  eventKey: Type.String({ minLength: 1, maxLength: 200 }),
  valuePath: Type.Optional(
    Type.Union([PropertyPath, Type.Null()], {
      description: "For sum and average: a numeric property; absent or null: the eventValue",
    }),
  ),
  filters: Type.Optional(Type.Array(FilterSchema, { maxItems: 10 })),
  direction: Type.Optional(oneOf<Direction>(DIRECTIONS, "Which way is better")),
};

export const MetricCreateSchema = Type.Object(
  { key: Key, ...metricFields },
  { additionalProperties: false },
);
export type MetricCreate = Static<typeof MetricCreateSchema>;

export const MetricUpdateSchema = Type.Partial(Type.Object(metricFields), {
  additionalProperties: false,
});
export type MetricUpdate = Static<typeof MetricUpdateSchema>;

export const MetricSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  kind: oneOf<MetricKind>(METRIC_KINDS),
  eventKey: Type.String(),
  valuePath: Type.Union([Type.String(), Type.Null()]),
  filters: Type.Array(FilterSchema),
  direction: oneOf<Direction>(DIRECTIONS),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type MetricView = Static<typeof MetricSchema>;

export const MetricPreviewSchema = Type.Object(
  {
    kind: metricFields.kind,
    eventKey: metricFields.eventKey,
    valuePath: metricFields.valuePath,
    filters: metricFields.filters,
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 31, default: 7 })),
  },
  { additionalProperties: false },
);
export type MetricPreviewInput = Static<typeof MetricPreviewSchema>;

export const PreviewDaySchema = Type.Object({
  day: Type.String({ description: "UTC day, YYYY-MM-DD" }),
  events: Type.Integer({ description: "Matching events" }),
  users: Type.Integer({ description: "Users with at least one matching event" }),
  valued: Type.Integer({
    description: "Users the per-user value is defined for (average: users with a value)",
  }),
  mean: Type.Union([Type.Number(), Type.Null()], {
    description:
      "Mean per-user value over those users: conversion 1, count the events, sum the sum of values, average the mean of the user's values",
  }),
});
