// Step definitions of the OpenFeature conformance features we run (evaluation, evaluation_v2,
// metadata, hooks), over OpenFeature's server SDK and our provider.
import type {
  Client,
  EvaluationContext,
  EvaluationContextValue,
  EvaluationDetails,
  FlagEvaluationOptions,
  FlagValue,
  Hook,
  JsonValue,
} from "@openfeature/server-sdk";
import { expect } from "vitest";
import type { StepDefinition } from "./gherkin.js";

/** What the steps need of the test: clients of providers in each state. */
export interface ConformanceEnv {
  /** A new client of the ready provider shared by the scenarios. */
  stableClient(): Client;
  /** A provider of its own in the given state; its client, and how to close it. */
  provider(state: string): Promise<{ client: Client; close(): Promise<void> }>;
}

type Kind = "Boolean" | "String" | "Integer" | "Float" | "Object";

interface HookCall {
  hook: string;
  stage: "before" | "after" | "error" | "finally";
  details?: EvaluationDetails<FlagValue>;
}

/** One scenario's state. */
export interface World {
  env: ConformanceEnv;
  client?: Client;
  flag?: { kind: Kind; key: string; fallback: FlagValue };
  context: EvaluationContext;
  options: FlagEvaluationOptions;
  details?: EvaluationDetails<FlagValue>;
  value?: FlagValue;
  pending?: unknown;
  calls: HookCall[];
  original?: string;
  cleanups: (() => Promise<void>)[];
}

export function newWorld(env: ConformanceEnv): World {
  return { env, context: {}, options: {}, calls: [], cleanups: [] };
}

/** A value written in a step, as the flag's kind reads it. */
function parse(kind: Kind, text: string): FlagValue {
  switch (kind) {
    case "Boolean":
      return text === "true";
    case "Integer":
      return Number.parseInt(text, 10);
    case "Float":
      return Number.parseFloat(text);
    case "Object":
      // Table cells keep the backslashes of \" (gherkin escapes only \|, \n and \\).
      return JSON.parse(text.replaceAll('\\"', '"')) as JsonValue;
    default:
      return text;
  }
}

function kindOf(text: string): Kind {
  const kind = (text[0]?.toUpperCase() ?? "") + text.slice(1).toLowerCase();
  if (!["Boolean", "String", "Integer", "Float", "Object"].includes(kind))
    throw new Error(`unknown flag type ${text}`);
  return kind as Kind;
}

function clientOf(world: World): Client {
  world.client ??= world.env.stableClient();
  return world.client;
}

function evaluate(
  world: World,
  kind: Kind,
  key: string,
  fallback: FlagValue,
  context: EvaluationContext = world.context,
): Promise<EvaluationDetails<FlagValue>> {
  const client = clientOf(world);
  switch (kind) {
    case "Boolean":
      return client.getBooleanDetails(key, fallback as boolean, context, world.options);
    case "String":
      return client.getStringDetails(key, fallback as string, context, world.options);
    case "Integer":
    case "Float":
      return client.getNumberDetails(key, fallback as number, context, world.options);
    default:
      return client.getObjectDetails(key, fallback as JsonValue, context, world.options);
  }
}

function recordingHook(world: World, name: string): Hook {
  return {
    before: () => {
      world.calls.push({ hook: name, stage: "before" });
    },
    after: (_context, details) => {
      world.calls.push({ hook: name, stage: "after", details });
    },
    error: () => {
      world.calls.push({ hook: name, stage: "error" });
    },
    finally: (_context, details) => {
      world.calls.push({ hook: name, stage: "finally", details });
    },
  };
}

function details(world: World): EvaluationDetails<FlagValue> {
  if (!world.details) throw new Error("no flag was evaluated with details");
  return world.details;
}

function flag(world: World): NonNullable<World["flag"]> {
  if (!world.flag) throw new Error("no flag was named");
  return world.flag;
}

/** The three fields of the object flag's template variant, as evaluation.feature checks them. */
function expectTemplate(value: unknown, fields: string[]) {
  const [a, b, c, boolean, text, integer] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const object = value as Record<string, unknown>;
  expect(object[a]).toBe(boolean === "true");
  expect(object[b]).toBe(text);
  expect(object[c]).toBe(Number.parseInt(integer, 10));
}

const TEMPLATE_FIELDS =
  '"([^"]*)", "([^"]*)", and "([^"]*)", with values "([^"]*)", "([^"]*)" and (\\d+), respectively';

export function conformanceSteps(): StepDefinition<World>[] {
  const step = (pattern: string, run: StepDefinition<World>["run"]): StepDefinition<World> => ({
    pattern: new RegExp(`^${pattern}$`),
    run,
  });
  return [
    // Providers.
    step("a stable provider", (world) => {
      clientOf(world);
    }),
    step("a (not ready|error|stale) provider", async (world, [state]) => {
      const made = await world.env.provider(state as string);
      world.client = made.client;
      world.cleanups.push(made.close);
    }),
    step('the provider status should be "([^"]*)"', (world, [status]) => {
      expect(clientOf(world).providerStatus).toBe(status);
    }),

    // evaluation.feature: values.
    step(
      'a boolean flag with key "([^"]*)" is evaluated with default value "([^"]*)"',
      async (world, [key, fallback]) => {
        world.value = await clientOf(world).getBooleanValue(key as string, fallback === "true");
      },
    ),
    step(
      'a string flag with key "([^"]*)" is evaluated with default value "([^"]*)"',
      async (world, [key, fallback]) => {
        world.value = await clientOf(world).getStringValue(key as string, fallback as string);
      },
    ),
    step(
      'an integer flag with key "([^"]*)" is evaluated with default value (\\d+)',
      async (world, [key, fallback]) => {
        world.value = await clientOf(world).getNumberValue(key as string, Number(fallback));
      },
    ),
    step(
      'a float flag with key "([^"]*)" is evaluated with default value (\\d+\\.?\\d*)',
      async (world, [key, fallback]) => {
        world.value = await clientOf(world).getNumberValue(key as string, Number(fallback));
      },
    ),
    step(
      'an object flag with key "([^"]*)" is evaluated with a null default value',
      async (world, [key]) => {
        world.value = await clientOf(world).getObjectValue(key as string, null);
      },
    ),
    step('the resolved boolean value should be "([^"]*)"', (world, [expected]) => {
      expect(world.value).toBe(expected === "true");
    }),
    step('the resolved string value should be "([^"]*)"', (world, [expected]) => {
      expect(world.value).toBe(expected);
    }),
    step("the resolved (?:integer|float) value should be (\\d+\\.?\\d*)", (world, [expected]) => {
      expect(world.value).toBe(Number(expected));
    }),
    step(`the resolved object value should be contain fields ${TEMPLATE_FIELDS}`, (world, args) => {
      expectTemplate(world.value, args);
    }),

    // evaluation.feature: details.
    step(
      'a (boolean|string) flag with key "([^"]*)" is evaluated with details and default value "([^"]*)"',
      async (world, [type, key, fallback]) => {
        const kind = kindOf(type as string);
        world.details = await evaluate(world, kind, key as string, parse(kind, fallback as string));
      },
    ),
    step(
      'an? (integer|float) flag with key "([^"]*)" is evaluated with details and default value (\\d+\\.?\\d*)',
      async (world, [type, key, fallback]) => {
        const kind = kindOf(type as string);
        world.details = await evaluate(world, kind, key as string, parse(kind, fallback as string));
      },
    ),
    step(
      'an object flag with key "([^"]*)" is evaluated with details and a null default value',
      async (world, [key]) => {
        world.details = await evaluate(world, "Object", key as string, null);
      },
    ),
    step(
      'the resolved (boolean|string|integer|float) details value should be "?([^"]*?)"?, the variant should be "([^"]*)", and the reason should be "([^"]*)"',
      (world, [type, value, variant, reason]) => {
        const got = details(world);
        expect(got.value).toEqual(parse(kindOf(type as string), value as string));
        expect(got.variant).toBe(variant);
        expect(got.reason).toBe(reason);
      },
    ),
    step(
      `the resolved object details value should be contain fields ${TEMPLATE_FIELDS}`,
      (world, args) => {
        expectTemplate(details(world).value, args);
      },
    ),
    step(
      'the variant should be "([^"]*)", and the reason should be "([^"]*)"',
      (world, [variant, reason]) => {
        expect(details(world).variant).toBe(variant);
        expect(details(world).reason).toBe(reason);
      },
    ),

    // evaluation.feature: context.
    step(
      'context contains keys "([^"]*)", "([^"]*)", "([^"]*)", "([^"]*)" with values "([^"]*)", "([^"]*)", (\\d+), "([^"]*)"',
      (world, [k1, k2, k3, k4, v1, v2, v3, v4]) => {
        world.context = {
          [k1 as string]: v1 as string,
          [k2 as string]: v2 as string,
          [k3 as string]: Number.parseInt(v3 as string, 10),
          [k4 as string]: v4 === "true",
        };
      },
    ),
    step(
      'a flag with key "([^"]*)" is evaluated with default value "([^"]*)"',
      async (world, [key, fallback]) => {
        world.flag = { kind: "String", key: key as string, fallback: fallback as string };
        world.value = await clientOf(world).getStringValue(
          key as string,
          fallback as string,
          world.context,
        );
      },
    ),
    step('the resolved string response should be "([^"]*)"', (world, [expected]) => {
      expect(world.value).toBe(expected);
    }),
    step(
      'the resolved flag value is "([^"]*)" when the context is empty',
      async (world, [value]) => {
        expect(await clientOf(world).getStringValue(flag(world).key, "nope", {})).toBe(value);
      },
    ),

    // evaluation.feature: errors.
    step(
      'a non-existent string flag with key "([^"]*)" is evaluated with details and a fallback value "([^"]*)"',
      async (world, [key, fallback]) => {
        world.flag = { kind: "String", key: key as string, fallback: fallback as string };
        world.details = await evaluate(world, "String", key as string, fallback as string);
      },
    ),
    step(
      'a string flag with key "([^"]*)" is evaluated as an integer, with details and a fallback value (\\d+)',
      async (world, [key, fallback]) => {
        world.flag = { kind: "Integer", key: key as string, fallback: Number(fallback) };
        world.details = await evaluate(world, "Integer", key as string, Number(fallback));
      },
    ),
    step("the default (?:string|integer) value should be returned", (world) => {
      expect(details(world).value).toEqual(flag(world).fallback);
    }),
    step(
      'the reason should indicate an error and the error code should indicate (?:a missing flag|a type mismatch) with "([^"]*)"',
      (world, [code]) => {
        expect(details(world).reason).toBe("ERROR");
        expect(details(world).errorCode).toBe(code);
      },
    ),

    // evaluation_v2.feature, metadata.feature, hooks.feature.
    step(
      'an? ([A-Za-z]+)-flag with key "([^"]*)" and a fallback value "(.*)"',
      (world, [type, key, fallback]) => {
        const kind = kindOf(type as string);
        world.flag = { kind, key: key as string, fallback: parse(kind, fallback as string) };
      },
    ),
    step(
      'a context containing a key "([^"]*)", with type "([^"]*)" and with value "([^"]*)"',
      (world, [key, type, value]) => {
        world.context = {
          ...world.context,
          [key as string]: parse(kindOf(type as string), value as string) as EvaluationContextValue,
        };
      },
    ),
    step('a context containing a key "([^"]*)" with null value', (world, [key]) => {
      world.context = { ...world.context, [key as string]: null };
    }),
    step("the flag was evaluated with details(?: using the evaluation options)?", async (world) => {
      const { kind, key, fallback } = flag(world);
      world.details = await evaluate(world, kind, key, fallback);
    }),
    step("the flag was evaluated with details asynchronously", async (world) => {
      const { kind, key, fallback } = flag(world);
      world.pending = evaluate(world, kind, key, fallback);
    }),
    step("the evaluation should complete without blocking", async (world) => {
      expect(world.pending).toBeInstanceOf(Promise);
      world.details = await (world.pending as Promise<EvaluationDetails<FlagValue>>);
    }),
    step('the resolved details value should be "(.*)"', (world, [value]) => {
      expect(details(world).value).toEqual(parse(flag(world).kind, value as string));
    }),
    step('the reason should be "([^"]*)"', (world, [reason]) => {
      expect(details(world).reason).toBe(reason);
    }),
    step('the error-code should be "([^"]*)"', (world, [code]) => {
      expect(details(world).errorCode).toBe(code);
    }),
    step('the flag key should be "([^"]*)"', (world, [key]) => {
      expect(details(world).flagKey).toBe(key);
    }),
    step('the variant should be "([^"]*)"', (world, [variant]) => {
      expect(details(world).variant).toBe(variant);
    }),
    step("the resolved metadata should contain", (world, _args, table) => {
      for (const [key, type, value] of (table ?? []).slice(1))
        expect(details(world).flagMetadata[key as string]).toEqual(
          parse(kindOf(type as string), value as string),
        );
    }),
    step("the resolved metadata is empty", (world) => {
      expect(details(world).flagMetadata).toEqual({});
    }),

    // Hooks and evaluation options.
    step("a client with added hook", (world) => {
      clientOf(world).addHooks(recordingHook(world, "client"));
    }),
    step('the "([^"]*)" hook should have been executed', (world, [stage]) => {
      expect(world.calls.some((call) => call.stage === stage)).toBe(true);
    }),
    step(
      'the "([^"]*)" hooks should be called with evaluation details',
      (world, [stages], table) => {
        for (const stage of (stages as string).split(", ")) {
          const call = world.calls.find((c) => c.stage === stage);
          expect(call?.details, `${stage} hook`).toBeDefined();
          const got = call?.details as EvaluationDetails<FlagValue>;
          const fields: Record<string, unknown> = {
            flag_key: got.flagKey,
            value: got.value,
            variant: got.variant ?? null,
            reason: got.reason,
            error_code: got.errorCode ?? null,
          };
          for (const [type, key, value] of (table ?? []).slice(1)) {
            const expected =
              value === "null" ? null : type === "boolean" ? value === "true" : value;
            expect(fields[key as string], `${stage}: ${key}`).toEqual(expected);
          }
        }
      },
    ),
    step("evaluation options containing specific hooks", (world) => {
      world.options = { hooks: [recordingHook(world, "first"), recordingHook(world, "second")] };
    }),
    step("the specified hooks should execute during evaluation", (world) => {
      for (const hook of ["first", "second"])
        for (const stage of ["before", "after", "finally"])
          expect(world.calls.some((c) => c.hook === hook && c.stage === stage)).toBe(true);
    }),
    step("the hook order should be maintained", (world) => {
      // Before hooks run in the order given, after and finally hooks in reverse (spec 4.4.2).
      expect(world.calls.map((c) => `${c.stage}:${c.hook}`)).toEqual([
        "before:first",
        "before:second",
        "after:second",
        "after:first",
        "finally:second",
        "finally:first",
      ]);
    }),

    // Immutability.
    step("an evaluation context with modifiable data", (world) => {
      world.context = {
        targetingKey: "immutable-user",
        email: "ada@example.com",
        tags: ["a", "b"],
        address: { city: "Bremen" },
      };
      world.original = JSON.stringify(world.context);
    }),
    step("the original evaluation context should remain unmodified", (world) => {
      expect(JSON.stringify(world.context)).toBe(world.original);
    }),
    step("the evaluation details should be immutable", (world) => {
      const metadata = details(world).flagMetadata as Record<string, unknown>;
      expect(Object.isFrozen(metadata)).toBe(true);
      expect(() => {
        metadata.variantId = 0;
      }).toThrow(TypeError);
    }),
  ];
}
