/** A minimal SSE reader over fetch: collects `data:` payloads and comment lines as they arrive. */
export interface SseClient {
  status: number;
  headers: Headers;
  messages: string[];
  comments: string[];
  /** Resolves with the n-th data message (1-based), or rejects after `timeoutMs`. */
  message(n: number, timeoutMs?: number): Promise<string>;
  /** Whether the server ended the stream. */
  isClosed(): boolean;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: "text/event-stream", ...headers },
    signal: controller.signal,
  });
  const messages: string[] = [];
  let ended = false;
  const comments: string[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => {
    for (const w of waiters.splice(0)) w();
  };
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = "";
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            ended = true;
            break;
          }
          buffer += value;
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data: string[] = [];
            for (const line of block.split("\n")) {
              if (line.startsWith(":")) comments.push(line.slice(1).trim());
              else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
            }
            if (data.length > 0) messages.push(data.join("\n"));
            end = buffer.indexOf("\n\n");
          }
          notify();
        }
      } catch {
        ended = true; // aborted or reset
      }
    })();
  }
  return {
    status: response.status,
    headers: response.headers,
    messages,
    comments,
    message(n, timeoutMs = 2000) {
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (messages.length >= n) return resolve(messages[n - 1] as string);
          if (Date.now() - started > timeoutMs)
            return reject(
              new Error(`no SSE message #${n} within ${timeoutMs} ms (have ${messages.length})`),
            );
          waiters.push(check);
          setTimeout(check, 50);
        };
        check();
      });
    },
    isClosed: () => ended,
    close: () => controller.abort(),
  };
}
