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

function OwnClientProvider(props: { options: WebClientOptions; children?: ReactNode }): ReactNode {
  // Options other than the context are read once, when the client is made (a new client per
  // render would reconnect each time).
  const [made] = useState(() => ({ options: props.options, client: clientFor(props.options) }));
  const { client } = made;
  const contextId = JSON.stringify(props.options.context);

  useEffect(() => {
    // Strict mode unmounts and mounts again at once: the client is kept, not closed and remade.
    clearTimeout(closing.get(client));
    closing.delete(client);
    return () => {
      const timer = setTimeout(() => {
        closing.delete(client);
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

function clientFor(options: WebClientOptions): FlagSyncWebClient {
  let client = madeFor.get(options);
  if (client === undefined) {
    client = startClient(options);
    madeFor.set(options, client);
  }
  return client;
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
