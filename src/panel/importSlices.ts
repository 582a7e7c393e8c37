// Import worker's side (pure; runs in importWorker.ts): reads a file the user opened, within the size the panel can
// take, and cuts the result into the messages the worker hands the panel — connections, then rows in slices, then done.
import type { Connection, Row } from './model';
import { ImportError, MAX_IMPORT_BYTES, jsonError, type ImportFormat, type ParsedImport } from './importBuilder';
import { parseImport } from './importParse';

/** What the import worker tells the panel, in order: connections, rows in slices, then done (or error at any point). */
export type ImportMessage =
  | { type: 'progress'; text: string }
  | { type: 'connections'; format: ImportFormat; connections: Connection[] }
  /** `pins`: which of these rows the file marks pinned (index in `rows`, note). */
  | { type: 'rows'; rows: Row[]; pins?: [number, string][] }
  | { type: 'done'; notes: string[] }
  | { type: 'error'; message: string };

/**
 * Rows go to the panel in slices this big (rows, payload characters), one slice per painted frame (the panel asks for
 * the next once it has shown the last: importFile.ts), so that no message stalls its thread.
 */
const SLICE_ROWS = 10_000;
const SLICE_CHARS = 4 << 20;

/** Hands `parsed` on as the worker does: connections first, then rows in slices (binary payloads' buffers transferred). */
export function* importMessages(parsed: ParsedImport): Generator<{ message: ImportMessage; transfer: ArrayBuffer[] }> {
  yield { message: { type: 'connections', format: parsed.format, connections: parsed.connections }, transfer: [] };
  let slice: Row[] = [];
  let transfer: ArrayBuffer[] = [];
  let pins: [number, string][] = [];
  let chars = 0;
  const rowsMessage = (): ImportMessage => ({ type: 'rows', rows: slice, ...(pins.length && { pins }) });
  for (const r of parsed.rows) {
    const note = parsed.pins.get(r);
    if (note !== undefined) pins.push([slice.length, note]);
    slice.push(r);
    if (typeof r.data === 'string') chars += r.data.length;
    else {
      chars += r.data.byteLength;
      // Only a buffer the row owns whole can be moved rather than copied.
      if (r.data.byteOffset === 0 && r.data.byteLength === r.data.buffer.byteLength && r.data.buffer instanceof ArrayBuffer) transfer.push(r.data.buffer);
    }
    if (slice.length >= SLICE_ROWS || chars >= SLICE_CHARS) {
      yield { message: rowsMessage(), transfer };
      slice = [];
      transfer = [];
      pins = [];
      chars = 0;
    }
  }
  if (slice.length) yield { message: rowsMessage(), transfer };
  yield { message: { type: 'done', notes: parsed.notes }, transfer: [] };
}

/** Reads a file the way the worker does, and says why not in words when it cannot. */
export async function readImport(file: Blob & { name?: string }): Promise<ParsedImport> {
  if (file.size > MAX_IMPORT_BYTES)
    throw new ImportError(`The file is ${Math.round(file.size / 1024 / 1024)} MB: files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB can be opened.`);
  let source: string;
  try {
    source = await file.text();
  } catch (e) {
    throw new ImportError(`The file could not be read (${jsonError(e)}).`);
  }
  try {
    return parseImport(source, file.name);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    // Out of memory, or a string too long for the engine: a clear word rather than a stack.
    throw new ImportError(`The file is too large or too deeply nested to open here (${jsonError(e)}).`);
  }
}
