import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState } from "react";
import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { onUnauthorized, session } from "./api/client.js";
import { FlagsPage } from "./flags/flags-page.js";
import { Layout } from "./layout.js";

// The flag list loads with the app; every other page loads its code when first opened (the
// chart pages bring the chart library).
// Signed in (the usual case), the sign-in form and its form library are never loaded.
const SignIn = lazy(() => import("./sign-in.js").then((m) => ({ default: m.SignIn })));
const FlagPage = lazy(() => import("./flags/flag-page.js").then((m) => ({ default: m.FlagPage })));
const EnvironmentsPage = lazy(() =>
  import("./environments/environments-page.js").then((m) => ({ default: m.EnvironmentsPage })),
);
const EventsPage = lazy(() =>
  import("./events/events-page.js").then((m) => ({ default: m.EventsPage })),
);
const AuditPage = lazy(() =>
  import("./audit/audit-page.js").then((m) => ({ default: m.AuditPage })),
);
const MetricsPage = lazy(() =>
  import("./metrics/metrics-page.js").then((m) => ({ default: m.MetricsPage })),
);
const ExperimentsPage = lazy(() =>
  import("./experiments/experiments-page.js").then((m) => ({ default: m.ExperimentsPage })),
);
const ExperimentPage = lazy(() =>
  import("./experiments/experiment-page.js").then((m) => ({ default: m.ExperimentPage })),
);

const router = createBrowserRouter([
  {
    path: "/",
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/flags" replace /> },
      { path: "flags", element: <FlagsPage /> },
      { path: "flags/:flag", element: <FlagPage /> },
      { path: "environments", element: <EnvironmentsPage /> },
      { path: "events", element: <EventsPage /> },
      // Not /metrics: that path is the server's Prometheus endpoint.
      { path: "metric-definitions", element: <MetricsPage /> },
      { path: "experiments", element: <ExperimentsPage /> },
      { path: "experiments/:experiment", element: <ExperimentPage /> },
      { path: "audit", element: <AuditPage /> },
      { path: "*", element: <Navigate to="/flags" replace /> },
    ],
  },
]);

/** Signed in: the router; otherwise the sign-in form. A refused token signs out. */
export function App() {
  const [signedIn, setSignedIn] = useState(() => session.token() !== null);
  const queries = useQueryClient();
  useEffect(
    () =>
      onUnauthorized(() => {
        session.signOut();
        queries.clear();
        setSignedIn(false);
      }),
    [queries],
  );
  if (!signedIn)
    return (
      <Suspense fallback={null}>
        <SignIn onSignedIn={() => setSignedIn(true)} />
      </Suspense>
    );
  return <RouterProvider router={router} />;
}
