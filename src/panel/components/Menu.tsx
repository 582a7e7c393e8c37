// Panel UI: a toolbar drop-down (Columns, ⚙) that closes on a click elsewhere and on Esc, like DevTools' own menus.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

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
      class={`menu ${cls}`}
      onToggle={() => onToggle?.(ref.current?.open ?? false)}
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
