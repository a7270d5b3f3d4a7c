import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useState } from "react";
import { Redirect, Route, Router, Switch } from "wouter";
import { onUnauthorized, resumeSession, session } from "./api/client.js";
import { FlagsPage } from "./flags/flags-page.js";
import { Layout } from "./layout.js";
import { useGuardedLocation } from "./unsaved-changes.js";

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
const AccountPage = lazy(() =>
  import("./account/account-page.js").then((m) => ({ default: m.AccountPage })),
);
const TokensPage = lazy(() =>
  import("./account/tokens-page.js").then((m) => ({ default: m.TokensPage })),
);
const MembersPage = lazy(() =>
  import("./members/members-page.js").then((m) => ({ default: m.MembersPage })),
);
const ChangeRequestsPage = lazy(() =>
  import("./changes/change-requests-page.js").then((m) => ({ default: m.ChangeRequestsPage })),
);
const WebhooksPage = lazy(() =>
  import("./webhooks/webhooks-page.js").then((m) => ({ default: m.WebhooksPage })),
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

/** The pages by path, inside the frame. */
function Pages() {
  return (
    <Layout>
      <Switch>
        <Route path="/">
          <Redirect to="/flags" replace />
        </Route>
        <Route path="/flags" component={FlagsPage} />
        <Route path="/flags/:flag" component={FlagPage} />
        <Route path="/environments" component={EnvironmentsPage} />
        <Route path="/events" component={EventsPage} />
        {/* Not /metrics: that path is the server's Prometheus endpoint. */}
        <Route path="/metric-definitions" component={MetricsPage} />
        <Route path="/experiments" component={ExperimentsPage} />
        <Route path="/experiments/:experiment" component={ExperimentPage} />
        <Route path="/members" component={MembersPage} />
        <Route path="/account" component={AccountPage} />
        <Route path="/tokens" component={TokensPage} />
        <Route path="/change-requests" component={ChangeRequestsPage} />
        <Route path="/webhooks" component={WebhooksPage} />
        <Route path="/audit" component={AuditPage} />
        <Route>
          <Redirect to="/flags" replace />
        </Route>
      </Switch>
    </Layout>
  );
}

/** Signed in: the pages; otherwise the sign-in form. A refused token signs out. */
export function App() {
  const [signedIn, setSignedIn] = useState(() => session.signedIn());
  // Back from single sign-on (or signed in elsewhere): the browser holds a session cookie.
  useEffect(() => {
    if (!session.signedIn())
      void resumeSession().then((resumed) => {
        if (resumed) setSignedIn(true);
      });
  }, []);
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
  // Signing in or out in one tab does so in the others.
  useEffect(
    () =>
      session.onOtherTab((now) => {
        if (!now) queries.clear();
        setSignedIn(now);
      }),
    [queries],
  );
  if (!signedIn)
    return (
      <Suspense fallback={null}>
        <SignIn onSignedIn={() => setSignedIn(true)} />
      </Suspense>
    );
  return (
    <Router hook={useGuardedLocation}>
      <Pages />
    </Router>
  );
}
