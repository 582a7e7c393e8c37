// Panel UI: a splitter between two areas — drag it, use ←/→ or ↑/↓ when it has focus, double-click to reset.
import { useRef } from 'preact/hooks';

interface SplitterProps {
  /** Accessible name, e.g. "Resize connection list". */
  label: string;
  /** 'x' resizes a width (a vertical bar), 'y' a height. */
  axis: 'x' | 'y';
  /** The size it resizes, in px. */
  value: number;
  /** 1 when dragging right/down grows the size, -1 when it shrinks it (the pane is on the right/below). */
  grows: 1 | -1;
  onResize(px: number): void;
  onReset(): void;
  class?: string;
}

const KEY_STEP = 16;

export function Splitter({ label, axis, value, grows, onResize, onReset, class: cls = '' }: SplitterProps) {
  const drag = useRef<{ from: number; start: number }>();
  const at = (e: PointerEvent) => (axis === 'x' ? e.clientX : e.clientY);
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={axis === 'x' ? 'vertical' : 'horizontal'}
      aria-valuenow={Math.round(value)}
      title={`${label} (double-click to reset)`}
      class={`splitter splitter-${axis} ${cls}`}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.stopPropagation();
        (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
        drag.current = { from: at(e), start: value };
      }}
      onPointerMove={(e) => drag.current && onResize(drag.current.start + grows * (at(e) - drag.current.from))}
      onPointerUp={() => (drag.current = undefined)}
      onPointerCancel={() => (drag.current = undefined)}
      onClick={(e) => e.stopPropagation()}
      onDblClick={(e) => {
        e.stopPropagation();
        onReset();
      }}
      onKeyDown={(e) => {
        const back = axis === 'x' ? 'ArrowLeft' : 'ArrowUp';
        const forth = axis === 'x' ? 'ArrowRight' : 'ArrowDown';
        if (e.key !== back && e.key !== forth) return;
        e.preventDefault();
        onResize(value + grows * (e.key === forth ? KEY_STEP : -KEY_STEP));
      }}
    />
  );
}
