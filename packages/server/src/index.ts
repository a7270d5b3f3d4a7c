export { type AppDeps, type BuiltApp, buildApp } from "./app.js";
export { type Config, loadConfig, parseDatabaseUrl } from "./config.js";
export { type RunningServer, startServer } from "./server.js";
export { type Database, openDatabase } from "./storage/database.js";
export { type ChangeBus, createLocalBus, createPostgresBus } from "./streaming/change-bus.js";
