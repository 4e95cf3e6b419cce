/**
 * A worker thread that answers requests one at a time, in the order they were sent: the plumbing shared by
 * the engine's pools (candidate evaluation during the search, the Pareto matrices' text after it). The
 * worker side answers with `answerRequests`; either side transfers typed arrays' buffers instead of copying.
 */
import { parentPort, Worker, type Transferable } from "node:worker_threads";

export interface WorkerThread<Request, Reply> {
  request(message: Request, transfer?: readonly Transferable[]): Promise<Reply>;
  terminate(): Promise<void>;
}

type Answer<Reply> = { value: Reply } | { error: string };

/**
 * Starts the worker module `name` that sits beside `moduleUrl` (the caller's `import.meta.url`). Compiled
 * (dist/), the `.js` module runs as it is; from source, its `.mjs` shim registers the TypeScript loader first,
 * since workers do not inherit it.
 */
export async function startWorkerThread<Request, Reply>(
  moduleUrl: string,
  name: string,
  workerData: unknown,
): Promise<WorkerThread<Request, Reply>> {
  const entry = new URL(`./${name}${moduleUrl.endsWith(".js") ? ".js" : ".mjs"}`, moduleUrl);
  const worker = new Worker(entry, { workerData });
  const pending: { resolve: (value: Reply) => void; reject: (error: Error) => void }[] = [];
  worker.on("message", (answer: Answer<Reply>) => {
    const next = pending.shift();
    if (!next) return;
    if ("error" in answer) next.reject(new Error(answer.error));
    else next.resolve(answer.value);
  });
  worker.on("error", (error) => {
    for (const waiting of pending.splice(0)) waiting.reject(error);
  });
  await new Promise<void>((resolve, reject) => {
    worker.once("online", () => resolve());
    worker.once("error", reject);
  });
  return {
    request: (message, transfer = []) =>
      new Promise<Reply>((resolve, reject) => {
        pending.push({ resolve, reject });
        worker.postMessage(message, transfer);
      }),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

/** The worker side: answers each request with `handle`'s value, transferring the buffers it names. */
export function answerRequests<Request, Reply>(
  handle: (request: Request) => { value: Reply; transfer?: Transferable[] },
): void {
  parentPort!.on("message", (request: Request) => {
    try {
      const { value, transfer = [] } = handle(request);
      parentPort!.postMessage({ value } satisfies Answer<Reply>, transfer);
    } catch (error) {
      parentPort!.postMessage({ error: (error as Error).message } satisfies Answer<Reply>);
    }
  });
}
