// Panel UI: a connection's context menu in the connection list — copy it as JavaScript or as a websocat command line
// (copyAsCode.ts, from the rows the panel holds now); closes on a click elsewhere or Esc.
import { javascriptSnippet, sentFrames, websocatCommand } from '../copyAsCode';
import type { Connection, Row } from '../model';
import { useContextMenu } from './RowMenu';

interface ConnectionMenuProps {
  c: Connection;
  rows: () => readonly Row[];
  x: number;
  y: number;
  onCopy: (text: string, what?: string) => void;
  onClose: () => void;
}

export function ConnectionMenu({ c, rows, x, y, onCopy, onClose }: ConnectionMenuProps) {
  const ref = useContextMenu(onClose);
  const items: [string, string, () => string][] = [
    ['Copy as JavaScript', 'Copied JavaScript', () => javascriptSnippet(c, sentFrames(rows(), c.key))],
    ['Copy as websocat command', 'Copied websocat command', () => websocatCommand(c, sentFrames(rows(), c.key))],
  ];
  return (
    <div
      ref={ref}
      class="context-menu"
      role="menu"
      aria-label={`Connection #${c.n} actions`}
      style={{ left: x, top: y }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault(); // handled: the panel keeps the key (see keys.ts)
        onClose();
      }}
    >
      {items.map(([label, what, code]) => (
        <button
          type="button"
          role="menuitem"
          key={label}
          onClick={() => {
            onCopy(code(), what);
            onClose();
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
