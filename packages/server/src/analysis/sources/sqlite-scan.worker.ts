// A scan thread of the SQLite analysis: reads one id range of raw events through its own
// connection (see SqliteRowSource) and hands back the rows it collected.
import { parentPort, workerData } from "node:worker_threads";
import { openSqlite } from "../../storage/database.js";
import { answer, type ToWorker } from "../../threads/worker-client.js";
import { AnalysisReader, type ScanPart } from "./sqlite.js";

const port = parentPort;
if (port) {
  const sqlite = openSqlite((workerData as { path: string }).path);
  const reader = new AnalysisReader(sqlite);
  port.on("message", (message: ToWorker<ScanPart>) => {
    if (message.type === "close") {
      sqlite.close();
      port.close();
      return;
    }
    void answer(
      port,
      message.id,
      Promise.resolve().then(() => reader.part(message.body)),
      (rows) => [
        rows.user.buffer as ArrayBuffer,
        rows.time.buffer as ArrayBuffer,
        rows.keys.lengths.buffer as ArrayBuffer,
        rows.values.buffer as ArrayBuffer,
      ],
    );
  });
}
