// Panel (DevTools panel): runs an import in its own worker (importWorker.ts) and passes the worker's messages on; the
// worker ends when the import is done, fails, or is given up.
import type { ImportMessage } from './importParse';

/** Starts reading `file`; `on` hears every message. Returns a function that gives the import up. */
export type Importer = (file: File, on: (m: ImportMessage) => void) => () => void;

export const workerImporter: Importer = (file, on) => {
  // Vite bundles the worker as a module of its own, beside the panel's (an extension page may start it: same origin).
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  const end = () => worker.terminate();
  worker.onmessage = (e: MessageEvent<ImportMessage>) => {
    on(e.data);
    if (e.data.type === 'done' || e.data.type === 'error') end();
  };
  worker.onerror = (e) => {
    e.preventDefault();
    on({ type: 'error', message: `The import worker failed (${e.message || 'no reason given'}).` });
    end();
  };
  worker.postMessage({ file });
  return end;
};
