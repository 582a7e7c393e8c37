// Panel UI: a toolbar drop-down (Columns, ⚙) that closes on a click elsewhere and on Esc, like DevTools' own menus. It
// opens under its button towards the left, or towards the right where the panel has no room on the left.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface MenuProps {
  /** Accessible name of the button that opens it. */
  label: string;
  title: string;
  button: ComponentChildren;
  class?: string;
  onToggle?: (open: boolean) => void;
  children: ComponentChildren;
}

export function Menu({ label, title, button, class: cls = '', onToggle, children }: MenuProps) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [toRight, setToRight] = useState(false);
  useEffect(() => {
    const outside = (e: Event) => {
      const menu = ref.current;
      if (menu?.open && !menu.contains(e.target as Node)) menu.open = false;
    };
    addEventListener('pointerdown', outside, true);
    return () => removeEventListener('pointerdown', outside, true);
  }, []);
  return (
    <details
      ref={ref}
      class={`menu ${cls}${toRight ? ' menu-to-right' : ''}`}
      onToggle={() => {
        const menu = ref.current;
        const body = menu?.querySelector<HTMLElement>('.menu-body');
        // Where a body aligned to the button's right edge would start: off the panel's left edge, it opens rightwards.
        if (menu?.open && body) setToRight(menu.getBoundingClientRect().right - body.offsetWidth < 0);
        onToggle?.(menu?.open ?? false);
      }}
      onKeyDown={(e) => {
        const menu = ref.current;
        if (e.key !== 'Escape' || !menu?.open) return;
        e.preventDefault(); // handled: the panel keeps the key (see keys.ts)
        menu.open = false;
        menu.querySelector('summary')?.focus();
      }}
    >
      <summary aria-label={label} title={title}>
        {button}
      </summary>
      {children}
    </details>
  );
}
