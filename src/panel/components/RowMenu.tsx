// Panel UI: a row's context menu — resend, deliver again or edit the frame, and the same copy formats as the detail
// pane; closes on a click elsewhere or Esc.
import { useEffect, useRef } from 'preact/hooks';
import { copyFormats, frameActions, type FrameAction } from '../actions';
import type { Row } from '../model';

/** A context menu's element: its first item takes focus when it opens, and a mouse press anywhere else closes it. */
export function useContextMenu(onClose: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const close = (e: Event) => !ref.current?.contains(e.target as Node) && onClose();
    addEventListener('mousedown', close);
    return () => removeEventListener('mousedown', close);
  }, [onClose]);
  return ref;
}

interface RowMenuProps {
  row: Row;
  x: number;
  y: number;
  onCopy: (text: string, what?: string) => void;
  onAction: (row: Row, action: FrameAction) => void;
  onClose: () => void;
  /** Items after the frame's own actions (pin, diff). */
  extra?: { label: string; run: () => void }[];
}

export function RowMenu({ row, x, y, onCopy, onAction, onClose, extra = [] }: RowMenuProps) {
  const ref = useContextMenu(onClose);
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
      {frameActions(row).map((a) => (
        <button
          type="button"
          role="menuitem"
          key={a.id}
          aria-label={a.label}
          aria-keyshortcuts={a.key}
          onClick={() => {
            onAction(row, a.id);
            onClose();
          }}
        >
          {a.label} <kbd>{a.key}</kbd>
        </button>
      ))}
      {extra.map((item) => (
        <button
          type="button"
          role="menuitem"
          key={item.label}
          aria-label={item.label}
          onClick={() => {
            item.run();
            onClose();
          }}
        >
          {item.label}
        </button>
      ))}
      {frameActions(row).length + extra.length > 0 && <hr />}
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
