// Which keys the panel keeps from DevTools (src/panel/keys.ts).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SHORTCUTS, panelCommand, type KeyLike } from '../../src/panel/keys';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('panelCommand', () => {
  it('takes Ctrl/Cmd+F and Ctrl/Cmd+K, whatever the case', () => {
    expect(panelCommand(key('f', { ctrlKey: true }), { detailOpen: false })).toBe('focusFilter');
    expect(panelCommand(key('F', { metaKey: true }), { detailOpen: false })).toBe('focusFilter');
    expect(panelCommand(key('k', { ctrlKey: true }), { detailOpen: true })).toBe('clear');
  });

  it('takes Esc only when it has something to close; otherwise DevTools keeps its own Esc', () => {
    expect(panelCommand(key('Escape'), { detailOpen: true })).toBe('closeDetail');
    expect(panelCommand(key('Escape'), { detailOpen: false })).toBeUndefined();
  });

  it('leaves every other key, and other modifier combinations, to DevTools', () => {
    for (const k of [key('f'), key('f', { ctrlKey: true, shiftKey: true }), key('f', { ctrlKey: true, altKey: true }), key('p', { ctrlKey: true }), key('F8'), key('[', { ctrlKey: true })])
      expect(panelCommand(k, { detailOpen: true })).toBeUndefined();
  });
});

describe('the README', () => {
  it('lists every shortcut the panel has in its keyboard table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const listed = readme.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.split('|')[1].trim());
    for (const [keys] of SHORTCUTS) expect(listed).toContain(keys);
  });
});
