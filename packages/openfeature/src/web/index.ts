export { FlagSyncWebProvider, type FlagSyncWebProviderOptions } from "./provider.js";
