import { type AppDeps, type BuiltApp, buildApp } from "./app.js";
import type { Config } from "./config.js";
import { checkPortFree } from "./port-check.js";
import { type Database, openDatabase } from "./storage/database.js";
import { type ChangeBus, createLocalBus, createPostgresBus } from "./streaming/change-bus.js";

/** A running server and how to stop it: drain requests, close streams, then the bus and database. */
export interface RunningServer extends BuiltApp {
  url: string;
  database: Database;
  stop(): Promise<void>;
}

/** Opens the configured database, builds the app and listens. */
export async function startServer(
  config: Config,
  options: Pick<AppDeps, "deliverCredentials"> = {},
): Promise<RunningServer> {
  // Before anything is opened or created: a start that cannot listen leaves nothing behind.
  await checkPortFree(config.host, config.port);
  const database = await openDatabase(config.database);
  let bus: ChangeBus | undefined;
  let built: BuiltApp | undefined;
  try {
    bus = database.pool ? await createPostgresBus(database.pool) : createLocalBus();
    built = await buildApp(config, { database, bus, ...options });
    const address = await built.app.listen({ port: config.port, host: config.host });
    const openBus = bus;
    const { app } = built;
    return {
      ...built,
      database,
      url: address.replace("[::1]", "localhost"),
      async stop() {
        await app.close();
        await openBus.close();
        await database.close();
      },
    };
  } catch (error) {
    await built?.app.close();
    await bus?.close();
    await database.close();
    throw error;
  }
}
