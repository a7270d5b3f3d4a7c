export type { ClientEvent, FlagDetails } from "@flagsync-oss/core";
export { type ClientOptions, createClient, FlagSyncClient } from "./client.js";
