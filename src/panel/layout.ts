// Panel store (DevTools panel): the panel's layout — split sizes, where the detail pane sits, whether the connection
// list shows, column widths — the maths that keeps it usable at any width, and remembering it for every site.
import { signal, type ReadonlySignal } from '@preact/signals';

export type DetailPlacement = 'auto' | 'beside' | 'below';
export type ResizableColumn = 'time' | 'delta' | 'connection' | 'size' | 'type' | 'message';

export interface LayoutPrefs {
  listWidth: number;
  listCollapsed: boolean;
  /** The detail pane's width beside the table, and its height below it. */
  detailWidth: number;
  detailHeight: number;
  detailPlacement: DetailPlacement;
  columnWidths: Record<ResizableColumn, number>;
}

export const DEFAULT_COLUMN_WIDTHS: Record<ResizableColumn, number> = { time: 92, delta: 76, connection: 130, size: 60, type: 56, message: 200 };

export const DEFAULT_LAYOUT: LayoutPrefs = {
  listWidth: 220,
  listCollapsed: false,
  detailWidth: 420,
  detailHeight: 260,
  detailPlacement: 'auto',
  columnWidths: DEFAULT_COLUMN_WIDTHS,
};

/** Like DevTools' Network panel: beside the table when there is room for both, below it otherwise. */
export const BESIDE_MIN_WIDTH = 900;
/** The frames table never gets less than this, whatever the splits say. */
export const MIN_TABLE = { width: 240, height: 100 };
const MIN_LIST_WIDTH = 120;
const MIN_DETAIL = { width: 200, height: 80 };
const MIN_COLUMN_WIDTH = 28;
const MAX_COLUMN_WIDTH = 600;

export function resolvePlacement(placement: DetailPlacement, mainWidth: number): 'beside' | 'below' {
  if (placement !== 'auto') return placement;
  return mainWidth >= BESIDE_MIN_WIDTH ? 'beside' : 'below';
}

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.max(lo, Math.min(Math.max(lo, hi), v)));

/** The connection list's width, leaving the table (and the detail pane when it sits beside) their minimum. */
export function clampListWidth(width: number, mainWidth: number, besideDetail: number): number {
  return clamp(width, MIN_LIST_WIDTH, mainWidth - MIN_TABLE.width - besideDetail);
}

/** The detail pane's size along the split: beside, a width out of `space`; below, a height out of `space`. */
export function clampDetailSize(size: number, space: number, placement: 'beside' | 'below'): number {
  const min = placement === 'beside' ? MIN_DETAIL.width : MIN_DETAIL.height;
  const table = placement === 'beside' ? MIN_TABLE.width : MIN_TABLE.height;
  return clamp(size, min, space - table);
}

/** Fixed columns the row always has (direction) and the least the Data column gets. */
const DIRECTION_WIDTH = 30;
const DATA_MIN_WIDTH = 160;

/** The narrowest a row can be with these columns: below it, the table scrolls sideways rather than squeeze them. */
export function rowMinWidth(shown: Partial<Record<ResizableColumn | 'dir' | 'data', boolean>>, widths: Record<ResizableColumn, number>): number {
  let w = (shown.dir ? DIRECTION_WIDTH : 0) + (shown.data ? DATA_MIN_WIDTH : 0);
  for (const id of Object.keys(widths) as ResizableColumn[]) if (shown[id]) w += widths[id];
  return w;
}

export const clampColumnWidth = (width: number) => clamp(width, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);

/** Keeps only what makes sense from what was stored (an older version, or a hand-edited value). */
export function normalizeLayout(stored: unknown): LayoutPrefs {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Partial<Record<keyof LayoutPrefs, unknown>>;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : d);
  const widths = (s.columnWidths && typeof s.columnWidths === 'object' ? s.columnWidths : {}) as Record<string, unknown>;
  const columnWidths = { ...DEFAULT_COLUMN_WIDTHS };
  for (const id of Object.keys(columnWidths) as ResizableColumn[]) columnWidths[id] = clampColumnWidth(num(widths[id], columnWidths[id]));
  return {
    listWidth: num(s.listWidth, DEFAULT_LAYOUT.listWidth),
    listCollapsed: s.listCollapsed === true,
    detailWidth: num(s.detailWidth, DEFAULT_LAYOUT.detailWidth),
    detailHeight: num(s.detailHeight, DEFAULT_LAYOUT.detailHeight),
    detailPlacement: s.detailPlacement === 'beside' || s.detailPlacement === 'below' ? s.detailPlacement : 'auto',
    columnWidths,
  };
}

export interface LayoutStorage {
  load(): unknown;
  save(prefs: LayoutPrefs): void;
}

export interface Layout {
  readonly prefs: ReadonlySignal<LayoutPrefs>;
  setListWidth(px: number): void;
  toggleList(): void;
  setDetailSize(placement: 'beside' | 'below', px: number): void;
  setDetailPlacement(p: DetailPlacement): void;
  setColumnWidth(id: ResizableColumn, px: number): void;
  /** Back to the default size of one split or column (double-click on its splitter). */
  reset(what: 'list' | 'detail' | ResizableColumn): void;
}

export function createLayout(storage?: LayoutStorage): Layout {
  const prefs = signal(normalizeLayout(storage?.load()));
  const set = (patch: Partial<LayoutPrefs>) => {
    prefs.value = { ...prefs.value, ...patch };
    storage?.save(prefs.value);
  };
  return {
    prefs,
    setListWidth: (px) => set({ listWidth: Math.round(px) }),
    toggleList: () => set({ listCollapsed: !prefs.value.listCollapsed }),
    setDetailSize: (placement, px) => set(placement === 'beside' ? { detailWidth: Math.round(px) } : { detailHeight: Math.round(px) }),
    setDetailPlacement: (detailPlacement) => set({ detailPlacement }),
    setColumnWidth: (id, px) => set({ columnWidths: { ...prefs.value.columnWidths, [id]: clampColumnWidth(px) } }),
    reset(what) {
      if (what === 'list') set({ listWidth: DEFAULT_LAYOUT.listWidth });
      else if (what === 'detail') set({ detailWidth: DEFAULT_LAYOUT.detailWidth, detailHeight: DEFAULT_LAYOUT.detailHeight });
      else set({ columnWidths: { ...prefs.value.columnWidths, [what]: DEFAULT_COLUMN_WIDTHS[what] } });
    },
  };
}
