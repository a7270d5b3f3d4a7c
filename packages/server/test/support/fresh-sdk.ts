import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A fresh copy of an official SDK. Both keep one module-level HTTP client (base URL and key): a
 * second FlagSyncFactory in the same copy would talk to the first server (protocol §5.4).
 */
export function freshSdk<T>(name: string): T {
  const path = require.resolve(name);
  delete require.cache[path];
  return require(path) as T;
}
