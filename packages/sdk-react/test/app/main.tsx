// The browser entry, bundled by the test with esbuild: hydrates the server's markup with a
// provider that makes its own client from the same options (bootstrap included).
import { hydrateRoot } from "react-dom/client";
import { Page } from "./app.js";

const root = hydrateRoot(
  document.getElementById("root") as HTMLElement,
  <Page options={window.FLAGSYNC_OPTIONS} />,
);
window.renderPage = ({ context, hidden }) =>
  root.render(
    <Page options={{ ...window.FLAGSYNC_OPTIONS, ...(context && { context }) }} hidden={hidden} />,
  );
window.unmountPage = () => root.unmount();
