export { benchmarkFlags, fuzzFlags } from "./flags.js";
export { type FlagSyncStub, flagSyncRulesPayload, startFlagSyncStub } from "./flagsync-stub.js";
export { createRandom, type Random } from "./random.js";
export { generateUsers } from "./users.js";
