import AjvCompiler from "@fastify/ajv-compiler";
import SerializerSelector from "@fastify/fast-json-stringify-compiler";
import type { FastifyServerOptions } from "fastify";

type Serializer = (data: unknown) => string;
type Validator = ((...args: unknown[]) => unknown) & { errors?: unknown; schemaEnv?: unknown };

/**
 * Fastify's own validator (Ajv) and serializer (fast-json-stringify) compilers, each schema
 * compiled on its first use instead of at start-up: compiling every route's schemas took about
 * half of the server's start. {@link LazySchemas.compileAll} compiles what is left once the
 * server listens, a schema per turn of the event loop, so requests are not held up either.
 */
export class LazySchemas {
  private pending: (() => unknown)[] = [];

  /** The `schemaController` option of Fastify. */
  readonly controller: NonNullable<FastifyServerOptions["schemaController"]> = {
    compilersFactory: {
      buildValidator: (externalSchemas, options) => {
        const compile = AjvCompiler()(externalSchemas, options as never);
        return (route) => this.validator(() => compile(route) as Validator) as never;
      },
      buildSerializer: (externalSchemas, options) => {
        const compile = SerializerSelector()(externalSchemas, options as never);
        return (route) => this.serializer(() => compile(route as never) as Serializer);
      },
    },
  };

  /**
   * Compiles the schemas no request needed yet, one per turn of the event loop; resolves when
   * all are compiled, or rejects with the first that cannot be.
   */
  async compileAll(): Promise<void> {
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      next();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** A getter that compiles on its first call; queued for {@link compileAll}. */
  private once<T>(compile: () => T): () => T {
    let compiled: T | undefined;
    const get = () => {
      compiled ??= compile();
      return compiled;
    };
    this.pending.push(get);
    return get;
  }

  private serializer(compile: () => Serializer): Serializer {
    const get = this.once(compile);
    return (data) => get()(data);
  }

  /**
   * An Ajv validator compiled on first use. Fastify reads `errors` after a failed call, and
   * passes the request as parent data when the function has a `schemaEnv` (so Ajv may coerce
   * the root value): both come from the compiled function.
   */
  private validator(compile: () => Validator): Validator {
    const get = this.once(compile);
    const validate: Validator = (...args) => {
      const compiled = get();
      const valid = compiled(...args);
      validate.errors = compiled.errors;
      return valid;
    };
    Object.defineProperty(validate, "schemaEnv", { get: () => get().schemaEnv });
    return validate;
  }
}
