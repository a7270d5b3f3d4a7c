import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The client address of the request being served, for the audit entries its changes write,
 * without passing it through every service: set once per request by an onRequest hook.
 */
const addresses = new AsyncLocalStorage<string>();

/** Runs the rest of a request (`next`) with its client address known. */
export function withRequestAddress(address: string, next: () => void): void {
  addresses.run(address, next);
}

/** The current request's client address, if a request is being served. */
export function requestAddress(): string | undefined {
  return addresses.getStore();
}
