// Panel UI: the ways a file gets into an imported session — the toolbar's Import button (a file picker) and dropping a
// file anywhere on the panel. What happens to the file is sessions.ts's business.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

/** The toolbar's Import button: a file picker for HAR and NDJSON files. */
export function ImportButton({ onImport }: { onImport: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="tool-button" aria-label="Import" title="Open HAR or NDJSON (or drop the file on the panel)" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        class="import-input"
        aria-label="Open HAR or NDJSON"
        accept=".har,.json,.ndjson,.jsonl,application/json"
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onImport(file);
        }}
      />
    </>
  );
}

/** Wraps the panel so that a file dropped anywhere on it is imported; shows where it may be dropped while dragging. */
export function FileDrop({ onImport, children }: { onImport?: (file: File) => void; children: ComponentChildren }) {
  const [over, setOver] = useState(false);
  if (!onImport) return <>{children}</>;
  const carriesFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
  return (
    <div
      class={`file-drop${over ? ' over' : ''}`}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setOver(false)}
      onDrop={(e) => {
        const file = e.dataTransfer?.files[0];
        setOver(false);
        if (!file) return;
        e.preventDefault();
        onImport(file);
      }}
    >
      {children}
    </div>
  );
}
