// The page the tests render on the server and hydrate in Chromium: two components, each reading
// one flag, so a change to one flag can be seen to re-render only its reader.
import {
  FlagSyncProvider,
  type FlagSyncWebClient,
  useFlag,
  useFlagDetails,
  useFlagSyncClient,
  useTrack,
  type WebClientOptions,
  type WebContext,
} from "@flagsync-oss/sdk-react";
import { Activity, StrictMode, useEffect } from "react";

declare global {
  interface Window {
    /** The provider's options, written into the page by the test. */
    FLAGSYNC_OPTIONS: WebClientOptions;
    /** For the test: the provider's client and the render counts, once hydrated. */
    flagsync?: { client: FlagSyncWebClient | null; renders: typeof renders };
    /** For the test: renders the page again, hidden or shown, for another context or the same. */
    renderPage?: (change: { context?: WebContext; hidden?: boolean }) => void;
    /** For the test: unmounts the page. */
    unmountPage?: () => void;
  }
}

/** Renders per component, counted in render (so strict mode's second render counts too). */
export const renders = { checkout: 0, headline: 0 };

/**
 * The whole page, rendered to a string on the server and hydrated in the browser. Hidden, the
 * provider's effects are cleaned up as if unmounted, and run again when it is shown.
 */
export function Page(props: { options: WebClientOptions; hidden?: boolean }) {
  return (
    <StrictMode>
      <Activity mode={props.hidden ? "hidden" : "visible"}>
        <FlagSyncProvider options={props.options}>
          <App />
          <Expose />
        </FlagSyncProvider>
      </Activity>
    </StrictMode>
  );
}

export function App() {
  return (
    <main>
      <Headline />
      <Checkout />
    </main>
  );
}

function Headline() {
  renders.headline++;
  const headline = useFlagDetails("headline", "Welcome");
  return (
    <h1 id="headline" data-reason={headline.reason}>
      {headline.value}
    </h1>
  );
}

function Checkout() {
  renders.checkout++;
  const isNewCheckout = useFlag("new-checkout", false);
  const track = useTrack();
  return (
    <button id="buy" type="button" onClick={() => track("purchase", 42, { page: "checkout" })}>
      {isNewCheckout ? "Buy now (new checkout)" : "Buy"}
    </button>
  );
}

function Expose() {
  const client = useFlagSyncClient();
  useEffect(() => {
    window.flagsync = { client, renders };
  }, [client]);
  return null;
}
