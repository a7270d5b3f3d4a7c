export { FlagSyncProvider, type FlagSyncProviderOptions } from "./provider.js";
