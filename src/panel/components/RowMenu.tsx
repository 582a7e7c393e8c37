// Panel UI: a row's context menu — the same copy formats as the detail pane; closes on a click elsewhere or Esc.
import { useEffect, useRef } from 'preact/hooks';
import { copyFormats } from '../actions';
import type { Row } from '../model';

export function RowMenu({ row, x, y, onCopy, onClose }: { row: Row; x: number; y: number; onCopy: (text: string, what?: string) => void; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const close = (e: Event) => !ref.current?.contains(e.target as Node) && onClose();
    addEventListener('mousedown', close);
    return () => removeEventListener('mousedown', close);
  }, [onClose]);
  return (
    <div
      ref={ref}
      class="context-menu"
      role="menu"
      aria-label="Frame actions"
      style={{ left: x, top: y }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault(); // handled: the panel keeps the key (see keys.ts)
        onClose();
      }}
    >
      {copyFormats(row).map((f) => (
        <button
          type="button"
          role="menuitem"
          key={f.label}
          onClick={() => {
            onCopy(f.text(), f.label.replace(/^Copy/, 'Copied'));
            onClose();
          }}
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}
