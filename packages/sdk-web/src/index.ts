export {
  type ClientEvent,
  createClient,
  FlagSyncWebClient,
  type FlagValue,
  type WebClientOptions,
  type WebContext,
  type WebFlagDetails,
} from "./client.js";
