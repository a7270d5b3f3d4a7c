import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "@mantine/charts/styles.css";
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, StrictMode, Suspense } from "react";
import { createRoot } from "react-dom/client";
import { ApiFailure, session } from "./api/client.js";
import { App } from "./app.js";
import { flagListQuery } from "./flags/flags-page.js";
import { theme } from "./theme.js";
import { workspacesQuery } from "./workspace.js";

// Toasts appear after an action, never on the first screen: their code loads after it.
const Notifications = lazy(() =>
  import("@mantine/notifications").then((m) => ({ default: m.Notifications })),
);

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refused request (4xx) is answered the same way again: only failures are retried once.
      retry: (count, error) =>
        count < 1 && !(error instanceof ApiFailure && error.body.statusCode < 500),
      staleTime: 5_000,
      refetchOnWindowFocus: true,
    },
  },
});

// Signed in, the first page's data is requested now, while React renders the frame.
if (session.signedIn()) {
  void queries.prefetchQuery(workspacesQuery);
  if (["/", "/flags"].includes(window.location.pathname))
    void queries.prefetchInfiniteQuery(flagListQuery("default", ""));
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <Suspense fallback={null}>
          <Notifications position="bottom-right" />
        </Suspense>
        <QueryClientProvider client={queries}>
          <App />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
