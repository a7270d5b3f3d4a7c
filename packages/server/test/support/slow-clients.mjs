// Slow-header clients (slowloris), in a process of their own: each opens a connection, sends a
// request line, then one header byte every `intervalMs`, and never finishes its headers. Reports
// how long the server let each connection live, then exits.
import { connect } from "node:net";

const { port, connections, intervalMs, giveUpMs } = JSON.parse(process.argv[2]);
const lifetimes = [];
let open = 0;
const started = Date.now();
for (let i = 0; i < connections; i++) {
  const socket = connect(port, "127.0.0.1");
  open++;
  const opened = Date.now();
  let timer;
  socket.on("connect", () => {
    socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
    timer = setInterval(() => socket.write("a"), intervalMs);
  });
  socket.on("error", () => {});
  socket.on("close", () => {
    clearInterval(timer);
    lifetimes.push(Date.now() - opened);
    if (--open === 0) finish();
  });
}
const finish = () => {
  process.send?.({ lifetimes, stillOpen: open });
  process.exit(0);
};
setTimeout(finish, giveUpMs);
void started;
