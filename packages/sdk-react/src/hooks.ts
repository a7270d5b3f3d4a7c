"use client";

import type { FlagSyncWebClient, FlagValue, WebFlagDetails } from "@flagsync-oss/sdk-web";
import { useCallback, useContext, useMemo, useSyncExternalStore } from "react";
import { FlagSyncContext } from "./provider.js";
import { isSameDetails, isSameValue } from "./same-value.js";

/**
 * The type a hook returns for a default: `boolean` for `false`, `string` for `"blue"` (not the
 * literal), and any flag value for a `null` default (which skips the type check).
 */
export type FlagValueOf<T extends FlagValue> = T extends boolean
  ? boolean
  : T extends string
    ? string
    : T extends number
      ? number
      : T extends null
        ? FlagValue
        : T;

/** What `useTrack` returns: sends an event for the provider's context (value and properties optional). */
export type TrackFunction = (
  eventKey: string,
  value?: number | null,
  properties?: Record<string, unknown> | null,
) => void;

/**
 * A flag's value for the provider's context, typed by the default, which it returns when the
 * flag is missing, of another type, or there is no provider. Re-renders when the value changes.
 *
 * @example
 * const showBanner = useFlag("new-banner", false); // boolean
 */
export function useFlag<T extends FlagValue>(key: string, defaultValue: T): FlagValueOf<T> {
  return useFlagState(key, defaultValue, selectValue, isSameValue) as FlagValueOf<T>;
}

/**
 * A flag's value with its variant, reason, rule and error code. Re-renders when any of them
 * changes (e.g. from reason "CACHED" to the server's answer). Outside a provider: the default,
 * reason "ERROR", error code "NO_PROVIDER".
 */
export function useFlagDetails<T extends FlagValue>(
  key: string,
  defaultValue: T,
): WebFlagDetails<FlagValueOf<T>> {
  return useFlagState(key, defaultValue, selectDetails, isSameDetails) as WebFlagDetails<
    FlagValueOf<T>
  >;
}

/** A function that sends an event for the provider's context; the same function on every render. */
export function useTrack(): TrackFunction {
  const client = useContext(FlagSyncContext);
  return useCallback<TrackFunction>(
    (eventKey, value, properties) => client?.track(eventKey, value, properties),
    [client],
  );
}

const selectValue = (details: WebFlagDetails): FlagValue => details.value;
const selectDetails = (details: WebFlagDetails): WebFlagDetails => details;

/**
 * One flag read through `useSyncExternalStore`: re-read when the client becomes ready or says
 * this key changed, and handed back unchanged (no re-render) while `isSame` holds.
 */
function useFlagState<S>(
  key: string,
  defaultValue: FlagValue,
  select: (details: WebFlagDetails) => S,
  isSame: (a: S, b: S) => boolean,
): S {
  const client = useContext(FlagSyncContext);
  // A default written inline as an object is a new object each render: its JSON says whether it
  // changed, so the snapshot function (and what it remembers) lasts as long as the default does.
  const defaultId =
    typeof defaultValue === "object" && defaultValue !== null
      ? JSON.stringify(defaultValue)
      : defaultValue;
  const subscribe = useMemo(() => subscribeTo(client, key), [client, key]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: defaultId stands for defaultValue (see above)
  const getSnapshot = useMemo(() => {
    let last: { state: S } | undefined;
    return () => {
      const state = select(
        client ? client.flagDetails(key, defaultValue) : noProvider(defaultValue),
      );
      if (last !== undefined && isSame(last.state, state)) return last.state;
      last = { state };
      return state;
    };
  }, [client, key, defaultId, select, isSame]);
  // The server snapshot is the same read: a client given `bootstrap` serves those values on the
  // server and, until the server answers, in the browser, so hydration sees what was rendered.
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

function subscribeTo(client: FlagSyncWebClient | null, key: string) {
  return (onChange: () => void): (() => void) => {
    if (client === null) return () => {};
    return client.subscribe((event) => {
      if (event.type === "ready" || (event.type === "change" && event.keys.includes(key)))
        onChange();
    });
  };
}

function noProvider(defaultValue: FlagValue): WebFlagDetails {
  return {
    value: defaultValue,
    variant: null,
    variantId: null,
    reason: "ERROR",
    ruleId: null,
    errorCode: "NO_PROVIDER",
  };
}
