// Panel (DevTools panel): runs an import in its own worker (importWorker.ts) and passes the worker's messages on; the
// worker ends when the import is done, fails, or is given up.
import type { ImportMessage } from './importSlices';

/** Starts reading `file`; `on` hears every message. Returns a function that gives the import up. */
export type Importer = (file: File, on: (m: ImportMessage) => void) => () => void;

/** Runs `ask` once the panel has painted what it has (or soon, while it is hidden and paints nothing). */
function askAfterPaint(ask: () => void) {
  let asked = false;
  const once = () => {
    if (asked) return;
    asked = true;
    ask();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

export const workerImporter: Importer = (file, on) => {
  // Vite bundles the worker as a module of its own, beside the panel's (an extension page may start it: same origin).
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  const end = () => worker.terminate();
  worker.onmessage = (e: MessageEvent<ImportMessage>) => {
    on(e.data);
    if (e.data.type === 'done' || e.data.type === 'error') return end();
    if (e.data.type !== 'progress') askAfterPaint(() => worker.postMessage({ next: true }));
  };
  worker.onerror = (e) => {
    e.preventDefault();
    on({ type: 'error', message: `The import worker failed (${e.message || 'no reason given'}).` });
    end();
  };
  worker.postMessage({ file });
  return end;
};
