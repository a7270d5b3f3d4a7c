export {
  type ClientEvent,
  type ClientOptions,
  createClient,
  type FlagDetails,
  FlagSyncClient,
} from "./client.js";
