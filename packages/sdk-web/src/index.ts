export type { ClientEvent } from "@flagsync-oss/core";
export {
  createClient,
  FlagSyncWebClient,
  type FlagValue,
  type WebClientOptions,
  type WebContext,
  type WebFlagDetails,
} from "./client.js";
