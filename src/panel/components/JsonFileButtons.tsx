// Panel UI: the Export and Import buttons of a list the user keeps in a JSON file (snippets, saved filters), with the
// hidden file input Import opens.
import { useRef } from 'preact/hooks';
import { saveFile } from '../dom';

interface JsonFileButtonsProps {
  /** Plural, lower case: names the buttons ("Export snippets") and the file input ("Snippets file"). */
  noun: string;
  fileName: () => string;
  exportJson: () => string;
  /** Nothing to export. */
  empty: boolean;
  importDisabled?: boolean;
  onImport: (file: File) => void;
}

export function JsonFileButtons({ noun, fileName, exportJson, empty, importDisabled, onImport }: JsonFileButtonsProps) {
  const file = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" aria-label={`Export ${noun}`} disabled={empty} onClick={() => saveFile(fileName(), 'application/json', exportJson())}>
        Export
      </button>
      <button type="button" aria-label={`Import ${noun}`} disabled={importDisabled} onClick={() => file.current?.click()}>
        Import
      </button>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        aria-label={`${noun[0].toUpperCase()}${noun.slice(1)} file`}
        hidden
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          e.currentTarget.value = ''; // the same file can be chosen again
          if (f) onImport(f);
        }}
      />
    </>
  );
}

/** What an import added and replaced, in words: "Imported 3 snippets (1 replaced)". */
export const importedMessage = (singular: string, done: { added: number; replaced: number }) => {
  const n = done.added + done.replaced;
  return `Imported ${n} ${singular}${n === 1 ? '' : 's'}${done.replaced ? ` (${done.replaced} replaced)` : ''}`;
};
