// The panel's layout maths and its remembered preferences (src/panel/layout.ts).
import { describe, expect, it } from 'vitest';
import {
  BESIDE_MIN_WIDTH,
  DEFAULT_LAYOUT,
  MIN_TABLE,
  clampDetailSize,
  clampListWidth,
  createLayout,
  normalizeLayout,
  resolvePlacement,
  rowMinWidth,
  type LayoutPrefs,
} from '../../src/panel/layout';

describe('layout maths', () => {
  it('puts the detail pane beside the table when wide, below it when narrow, or where the user chose', () => {
    expect(resolvePlacement('auto', 1280)).toBe('beside');
    expect(resolvePlacement('auto', 700)).toBe('below');
    expect(resolvePlacement('auto', BESIDE_MIN_WIDTH)).toBe('beside');
    expect(resolvePlacement('below', 1280)).toBe('below');
    expect(resolvePlacement('beside', 500)).toBe('beside');
  });

  it('never lets a split squeeze the table below its minimum, nor a pane below its own', () => {
    expect(clampListWidth(300, 1280, 0)).toBe(300);
    expect(clampListWidth(5000, 1280, 400)).toBe(1280 - MIN_TABLE.width - 400);
    expect(clampListWidth(10, 1280, 0)).toBe(120);
    expect(clampDetailSize(420, 900, 'beside')).toBe(420);
    expect(clampDetailSize(2000, 900, 'beside')).toBe(900 - MIN_TABLE.width);
    expect(clampDetailSize(10, 600, 'below')).toBe(80);
    expect(clampDetailSize(2000, 600, 'below')).toBe(600 - MIN_TABLE.height);
    // Too little room for both minimums: the pane keeps its own.
    expect(clampDetailSize(300, 100, 'beside')).toBe(200);
  });

  it('makes a row as wide as its shown columns plus the data column’s minimum', () => {
    const widths = DEFAULT_LAYOUT.columnWidths;
    const all = rowMinWidth({ dir: true, time: true, delta: true, connection: true, size: true, type: true, data: true }, widths);
    const fewer = rowMinWidth({ dir: true, time: true, delta: false, connection: true, size: false, type: true, data: true }, widths);
    expect(all - fewer).toBe(widths.delta + widths.size);
  });

  it('keeps only sensible values from storage', () => {
    expect(normalizeLayout(undefined)).toEqual(DEFAULT_LAYOUT);
    expect(normalizeLayout('garbage')).toEqual(DEFAULT_LAYOUT);
    const odd = normalizeLayout({ listWidth: -4, detailPlacement: 'sideways', listCollapsed: 'yes', columnWidths: { time: 5000, size: 'x' } });
    expect(odd.listWidth).toBe(DEFAULT_LAYOUT.listWidth);
    expect(odd.detailPlacement).toBe('auto');
    expect(odd.listCollapsed).toBe(false);
    expect(odd.columnWidths.time).toBe(600);
    expect(odd.columnWidths.size).toBe(DEFAULT_LAYOUT.columnWidths.size);
  });
});

describe('createLayout', () => {
  it('saves every change and starts from what was saved; double-click resets one split', () => {
    let saved: LayoutPrefs | undefined;
    const storage = { load: () => saved, save: (p: LayoutPrefs) => (saved = p) };
    const layout = createLayout(storage);
    layout.setListWidth(310.4);
    layout.setDetailSize('below', 333);
    layout.setDetailPlacement('beside');
    layout.setColumnWidth('connection', 10);
    layout.toggleList();
    expect(saved).toMatchObject({ listWidth: 310, detailHeight: 333, detailPlacement: 'beside', listCollapsed: true });
    expect(saved!.columnWidths.connection).toBe(28);
    const again = createLayout(storage);
    expect(again.prefs.value).toEqual(saved);
    again.reset('list');
    again.reset('connection');
    expect(again.prefs.value.listWidth).toBe(DEFAULT_LAYOUT.listWidth);
    expect(again.prefs.value.columnWidths.connection).toBe(DEFAULT_LAYOUT.columnWidths.connection);
    expect(again.prefs.value.detailHeight).toBe(333);
  });
});
