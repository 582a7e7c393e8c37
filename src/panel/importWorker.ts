// Import worker (a dedicated Worker of the DevTools panel, started by importFile.ts): reads and parses the file the user
// opened off the panel's thread, so a 200 MB HAR never freezes the panel, then hands the result back one slice at a
// time, each when the panel asks for it (`next`): a panel busy painting is never handed a queue of slices at once.
import { ImportError } from './importBuilder';
import { importMessages, readImport, type ImportMessage } from './importSlices';

const post = (message: ImportMessage, transfer: ArrayBuffer[] = []) => self.postMessage(message, { transfer });
let slices: ReturnType<typeof importMessages> | undefined;

function next() {
  const r = slices?.next();
  if (r && !r.done) post(r.value.message, r.value.transfer);
}

self.onmessage = async (e: MessageEvent<{ file: File } | { next: true }>) => {
  if ('next' in e.data) return next();
  try {
    post({ type: 'progress', text: 'reading' });
    slices = importMessages(await readImport(e.data.file));
    next();
  } catch (err) {
    post({ type: 'error', message: err instanceof ImportError ? err.message : `The file could not be opened (${String(err)}).` });
  }
};
