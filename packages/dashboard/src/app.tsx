import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { createBrowserRouter, Navigate, RouterProvider } from "react-router";
import { onUnauthorized, session } from "./api/client.js";
import { FlagPage } from "./flags/flag-page.js";
import { FlagsPage } from "./flags/flags-page.js";
import { Layout } from "./layout.js";
import { SignIn } from "./sign-in.js";

const router = createBrowserRouter([
  {
    path: "/",
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/flags" replace /> },
      { path: "flags", element: <FlagsPage /> },
      { path: "flags/:flag", element: <FlagPage /> },
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
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  return <RouterProvider router={router} />;
}
