// Test support (Node): the small interface the shared E2E scenarios drive a browser through; one implementation per
// browser (test/support/chromium.ts, test/support/firefox.ts). Pages are puppeteer Pages in both; only the panel differs.
import type { Page } from 'puppeteer-core';

/** One rendered row of the frames grid, as a user reads it. */
export interface PanelRow {
  /** Accessible name of the direction cell: "sent", "received" or "lifecycle event". */
  dir: string;
  type: string;
  size: string;
  data: string;
}

/** A file a test hands the panel (text content). */
export interface TestFile {
  name: string;
  text: string;
  type?: string;
}

/** The WS panel of one tab's DevTools, read and driven by roles and accessible names. */
export interface PanelDriver {
  rows(): Promise<PanelRow[]>;
  /** Text of each connection list item, without the "All connections" entry. */
  connections(): Promise<string[]>;
  status(): Promise<string>;
  setFilter(text: string): Promise<void>;
  clear(): Promise<void>;
  selectConnection(url: string): Promise<void>;
  /** Selects the connection at `index` of the list (0: the first after "All connections"), for sockets that share a URL. */
  selectConnectionAt(index: number): Promise<void>;
  /** Closes this tab's DevTools. */
  close(): Promise<void>;
}

/** What the daily-use scenarios (test/e2e/daily.ts) also need: real (trusted) input, and what DevTools itself shows. */
export interface WorkbenchPanel extends PanelDriver {
  /** Focuses `selector` in the panel and presses `key` (a KeyboardEvent key: 'Escape', 'f', 'End'…) as a user would. */
  press(selector: string, key: string, modifiers?: ('Control' | 'Shift')[]): Promise<void>;
  /** Focuses `selector` and types `text` key by key. */
  typeKeys(selector: string, text: string): Promise<void>;
  /** Puts `text` in the input at `selector` in one step (an input event), where key-by-key typing is not the point. */
  fill(selector: string, text: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** Clicks the frames-table row whose Data cell reads `text`. */
  clickRow(text: string): Promise<void>;
  /** Picks the option with `value` in the <select> at `selector`. */
  choose(selector: string, value: string): Promise<void>;
  /** The text of the first element at `selector`, or null. */
  text(selector: string): Promise<string | null>;
  /** Drags the element at `selector` by (dx, dy) px with the mouse. */
  drag(selector: string, dx: number, dy: number): Promise<void>;
  /** An attribute of the first element at `selector`, or null. */
  attribute(selector: string, name: string): Promise<string | null>;
  /** The live value of the form control at `selector` (a checkbox: 'true' or 'false'), or null when there is none. */
  value(selector: string): Promise<string | null>;
  /**
   * Gives the file input at `selector` these files and fires its change event, as choosing them in the file picker
   * would (Chromium: DevTools protocol's setFileInputFiles; Firefox: a DataTransfer's files set from a frame script).
   */
  setFiles(selector: string, files: TestFile[]): Promise<void>;
  /** Drops these files on the element at `selector`: a drop event whose DataTransfer carries them. */
  dropFiles(selector: string, files: TestFile[]): Promise<void>;
  /** The id (or tag name) of the panel's focused element. */
  focused(): Promise<string>;
  /** Whether DevTools' own console drawer (Chrome) or split console (Firefox), and its find bar, are showing. */
  devtools(): Promise<{ drawer: boolean; findBar: boolean }>;
  /** The id of the DevTools tool showing now (Chrome: `sources`, `network`…; Firefox: `jsdebugger`…; ours is the WS panel's). */
  selectedTool(): Promise<string>;
}

export interface BrowserDriver {
  readonly name: 'Chromium' | 'Firefox';
  /** A new tab on `url`; uncaught page errors and console errors are collected in `errors`. */
  openPage(url: string): Promise<Page & { errors: string[] }>;
  /** Opens DevTools for the page's tab and shows the WS panel. */
  openPanel(page: Page): Promise<PanelDriver>;
  close(): Promise<void>;
}

/** Where things are in the panel: roles and accessible names, shared by both drivers so selectors live in one place. */
export const PANEL = {
  grid: '[role=grid][aria-label=Frames]',
  row: '[role=grid][aria-label=Frames] [role=rowgroup] [role=row]',
  cells: { dir: '.c-dir', type: '.c-type', size: '.c-size', data: '.c-data' },
  connection: '[role=list][aria-label=Connections] > [role=listitem]:not(.all)',
  status: '[role=status]',
  filter: 'input[aria-label=Filter]',
  clear: 'button[aria-label=Clear]',
  connectionButton: (url: string) => `button[aria-label=${JSON.stringify(`Connection ${url}`)}]`,
  connectionButtonAt: (index: number) => `[role=list][aria-label=Connections] > [role=listitem]:nth-child(${index + 2}) button[aria-label^="Connection "]`,
} as const;

/** Collects what the page itself would see go wrong, so a test can assert that we never add to it. */
export function collectErrors(page: Page): Page & { errors: string[] } {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The test server has no favicon; the browser's 404 for it is not the page's error.
  page.on('console', (m) => m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico') && errors.push(m.text()));
  return Object.assign(page, { errors });
}

/** Waits until `check` holds, and fails with what was read last if it never does. */
export async function waitUntil<T>(read: () => Promise<T>, check: (v: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; the panel showed: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const rowData = async (panel: PanelDriver) => (await panel.rows()).map((r) => r.data);

export const waitForRows = (panel: PanelDriver, wanted: (string | RegExp)[], what = `rows ${wanted.join(', ')}`) =>
  waitUntil(() => rowData(panel), (rows) => wanted.every((w) => rows.some((r) => (typeof w === 'string' ? r === w : w.test(r)))), what);

export const waitForConnections = (panel: PanelDriver, check: (items: string[]) => boolean, what: string) =>
  waitUntil(() => panel.connections(), check, what);
