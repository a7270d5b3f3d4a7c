import { useEffect, useRef, useState } from "react";
import { session } from "../api/client.js";

/** One committed event or impression, as the live tail streams it. */
export type LiveItem =
  | {
      kind: "event";
      eventKey: string;
      userKey: string;
      value: number | null;
      properties: unknown;
      timestamp: string;
      receivedAt: string;
      source: string;
    }
  | {
      kind: "impression";
      flagKey: string;
      userKey: string;
      value: unknown;
      variantId: number | null;
      reason: string | null;
      timestamp: string;
      receivedAt: string;
      source: string;
    };

export interface LiveFilters {
  event: string;
  flag: string;
  user: string;
}

/** Items kept on screen; older ones drop off. */
export const KEEP = 200;

/**
 * Whether an item passes the filters, as the server decides for new ones: an event filter
 * keeps only events, a flag filter only impressions; keys compare exactly.
 */
export function passes(item: LiveItem, filters: LiveFilters): boolean {
  const event = filters.event.trim();
  const flag = filters.flag.trim();
  const user = filters.user.trim();
  if (user !== "" && item.userKey !== user) return false;
  if (item.kind === "event") return flag === "" && (event === "" || item.eventKey === event);
  return event === "" && (flag === "" || item.flagKey === flag);
}

/**
 * The live tail of an environment over fetch (EventSource cannot send the admin token): parses
 * the server-sent frames, newest first, reconnecting after a drop. Paused, frames are counted
 * but not shown.
 */
export function useLiveTail(
  ws: string,
  env: string | undefined,
  filters: LiveFilters,
  paused: boolean,
) {
  const [items, setItems] = useState<LiveItem[]>([]);
  const [status, setStatus] = useState<"connecting" | "live" | "error">("connecting");
  const [missed, setMissed] = useState(0);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  useEffect(() => {
    if (!env) return;
    const controller = new AbortController();
    const query = new URLSearchParams(
      Object.entries(filters).filter(([, v]) => v.trim() !== ""),
    ).toString();
    const url = `/api/v1/workspaces/${encodeURIComponent(ws)}/environments/${encodeURIComponent(env)}/live${query ? `?${query}` : ""}`;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      setStatus("connecting");
      try {
        const response = await fetch(url, {
          headers: {
            authorization: `Bearer ${session.token() ?? ""}`,
            accept: "text/event-stream",
          },
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
        setStatus("live");
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          const frames = buffer.split("\n\n");
          buffer = frames.pop() ?? "";
          const received: LiveItem[] = [];
          for (const frame of frames) {
            const kind = /^event: (event|impression)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (kind && data) received.push({ kind, ...JSON.parse(data) } as LiveItem);
          }
          if (received.length === 0) continue;
          if (pausedRef.current) setMissed((n) => n + received.length);
          else setItems((old) => [...received.reverse(), ...old].slice(0, KEEP));
        }
        throw new Error("the stream ended");
      } catch {
        if (controller.signal.aborted) return;
        setStatus("error");
        retry = setTimeout(connect, 2000);
      }
    };
    void connect();
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
  }, [ws, env, filters]);

  return {
    items,
    status,
    missed,
    clear: () => {
      setItems([]);
      setMissed(0);
    },
    resumed: () => setMissed(0),
  };
}
