"use client";

import { createClient, type FlagSyncWebClient, type WebClientOptions } from "@flagsync-oss/sdk-web";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";

/** The client of the nearest provider; null outside any provider. */
export const FlagSyncContext = createContext<FlagSyncWebClient | null>(null);

/**
 * Either `client`, made and owned by the app (which calls `identify` and `close` on it), or
 * `options`, from which the provider makes its own client, identifies it again when
 * `options.context` changes, and closes it when unmounted.
 */
export type FlagSyncProviderProps = { children?: ReactNode } & (
  | { client: FlagSyncWebClient; options?: undefined }
  | { options: WebClientOptions; client?: undefined }
);

/**
 * Makes a client available to the hooks below it.
 *
 * @example
 * const client = createClient({ clientKey, baseUrl, context: { key: user.id } });
 * root.render(<FlagSyncProvider client={client}><App /></FlagSyncProvider>);
 */
export function FlagSyncProvider(props: FlagSyncProviderProps): ReactNode {
  if (props.client)
    return (
      <FlagSyncContext.Provider value={props.client}>{props.children}</FlagSyncContext.Provider>
    );
  return <OwnClientProvider options={props.options}>{props.children}</OwnClientProvider>;
}

/** The client of the nearest provider, or null outside any provider. */
export function useFlagSyncClient(): FlagSyncWebClient | null {
  return useContext(FlagSyncContext);
}

/**
 * The client made for an options object: React may call a state initializer twice (strict mode)
 * and keep one result, and the other must not be a second live client.
 */
const madeFor = new WeakMap<WebClientOptions, FlagSyncWebClient>();
/** Clients of unmounted providers, closed on the next task unless mounted again at once. */
const closing = new WeakMap<FlagSyncWebClient, ReturnType<typeof setTimeout>>();
/** Clients closed by their provider's cleanup. */
const closedClients = new WeakSet<FlagSyncWebClient>();
/**
 * What replaces a closed client when its provider is mounted again: one replacement, however
 * often strict mode runs the effect.
 */
const successors = new WeakMap<FlagSyncWebClient, Made>();

interface Made {
  options: WebClientOptions;
  client: FlagSyncWebClient;
}

function OwnClientProvider(props: { options: WebClientOptions; children?: ReactNode }): ReactNode {
  // Options other than the context are read once, when the client is made (a new client per
  // render would reconnect each time).
  const [made, setMade] = useState(() => madeWith(props.options));
  const { client } = made;
  const contextId = JSON.stringify(props.options.context);

  useEffect(() => {
    // Mounted again after the client was closed (a hidden <Activity> shown again): a new one.
    if (closedClients.has(client)) {
      let successor = successors.get(client);
      if (successor === undefined) {
        // It starts from the values the closed client had, for the context it had.
        successor = madeWith({
          ...made.options,
          context: client.context,
          bootstrap: client.allFlagDetails(),
        });
        successors.set(client, successor);
      }
      setMade(successor);
      return;
    }
    // Strict mode unmounts and mounts again at once: the client is kept, not closed and remade.
    clearTimeout(closing.get(client));
    closing.delete(client);
    return () => {
      const timer = setTimeout(() => {
        closing.delete(client);
        closedClients.add(client);
        if (madeFor.get(made.options) === client) madeFor.delete(made.options);
        void client.close();
      }, 0);
      closing.set(client, timer);
    };
  }, [client, made]);

  useEffect(() => {
    if (JSON.stringify(client.context) !== contextId) void client.identify(JSON.parse(contextId));
  }, [client, contextId]);

  return <FlagSyncContext.Provider value={client}>{props.children}</FlagSyncContext.Provider>;
}

function madeWith(options: WebClientOptions): Made {
  let client = madeFor.get(options);
  if (client === undefined) {
    client = startClient(options);
    madeFor.set(options, client);
  }
  return { options, client };
}

function startClient(options: WebClientOptions): FlagSyncWebClient {
  if ("document" in globalThis) return createClient(options);
  // Rendering on a server (no DOM): the first paint needs only the bootstrap values, and no
  // effect runs there to close what the client opens; closed at once, it opens no live
  // connection and sends nothing it records.
  const client = createClient({ ...options, live: false, cache: false });
  void client.close();
  return client;
}
