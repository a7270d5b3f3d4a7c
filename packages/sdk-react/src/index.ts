export type {
  ClientEvent,
  FlagSyncWebClient,
  FlagValue,
  WebClientOptions,
  WebContext,
  WebFlagDetails,
} from "@flagsync-oss/sdk-web";
export {
  type FlagValueOf,
  type TrackFunction,
  useFlag,
  useFlagDetails,
  useTrack,
} from "./hooks.js";
export { FlagSyncProvider, type FlagSyncProviderProps, useFlagSyncClient } from "./provider.js";
