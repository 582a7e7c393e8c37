// Import worker (a dedicated Worker of the DevTools panel, started by importFile.ts): reads and parses the file the user
// opened off the panel's thread, so a 200 MB HAR never freezes the panel, then hands the result back in slices.
import { ImportError, importMessages, readImport, type ImportMessage } from './importParse';

const post = (message: ImportMessage, transfer: ArrayBuffer[] = []) => self.postMessage(message, { transfer });

self.onmessage = async (e: MessageEvent<{ file: File }>) => {
  try {
    post({ type: 'progress', text: 'reading' });
    const parsed = await readImport(e.data.file);
    for (const { message, transfer } of importMessages(parsed)) post(message, transfer);
  } catch (err) {
    post({ type: 'error', message: err instanceof ImportError ? err.message : `The file could not be opened (${String(err)}).` });
  }
};
