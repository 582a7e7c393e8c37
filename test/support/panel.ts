// Test support (Node): reading and driving the WS panel's DOM, by roles and accessible names like a user would.
import type { Frame } from 'puppeteer-core';

/** Text of the data cells of the rendered rows of the frames grid. */
export function rowData(panel: Frame): Promise<string[]> {
  return panel.$$eval('[role=grid] [role=rowgroup] [role=row] .c-data', (cells) => cells.map((c) => c.textContent ?? ''));
}

/** Text of each connection list item (skipping "All connections"). */
export function connectionItems(panel: Frame): Promise<string[]> {
  return panel.$$eval('[role=list][aria-label=Connections] > [role=listitem]:not(.all)', (items) => items.map((i) => i.textContent ?? ''));
}

export async function statusText(panel: Frame): Promise<string> {
  return panel.$eval('[role=status]', (s) => s.textContent ?? '');
}

/** Waits until `check` holds for the panel, and fails with what the panel showed last if it never does. */
export async function waitForPanel<T>(panel: Frame, read: (p: Frame) => Promise<T>, check: (v: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  for (;;) {
    last = await read(panel);
    if (check(last)) return last;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; the panel showed: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const waitForRows = (panel: Frame, wanted: (string | RegExp)[], what = `rows ${wanted.join(', ')}`) =>
  waitForPanel(panel, rowData, (rows) => wanted.every((w) => rows.some((r) => (typeof w === 'string' ? r === w : w.test(r)))), what);

export const waitForConnections = (panel: Frame, check: (items: string[]) => boolean, what: string) =>
  waitForPanel(panel, connectionItems, check, what);

export async function setFilter(panel: Frame, text: string) {
  const input = (await panel.$('input[aria-label=Filter]'))!;
  await input.click({ count: 3 });
  await input.press('Backspace');
  if (text) await input.type(text);
}

/** Puts the whole text in the filter box at once, as a paste does (typing goes through every prefix). */
export async function pasteFilter(panel: Frame, text: string) {
  await panel.$eval(
    'input[aria-label=Filter]',
    (input, text) => {
      (input as HTMLInputElement).value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

export async function selectConnection(panel: Frame, url: string) {
  await panel.click(`button[aria-label="Connection ${url}"]`);
}

export async function choose(panel: Frame, label: 'Direction' | 'Type', value: string) {
  await panel.select(`select[aria-label=${label}]`, value);
}

export async function toggle(panel: Frame, name: string) {
  await panel.$$eval(
    'input[type=checkbox]',
    (inputs, name) => {
      const input = inputs.find((i) => i.getAttribute('aria-label') === name || i.closest('label')?.textContent?.trim() === name);
      if (!input) throw new Error(`no checkbox ${name}`);
      (input as HTMLInputElement).click();
    },
    name,
  );
}

/** Opens the detail pane for the first rendered row whose data cell is `text`. */
export async function openRow(panel: Frame, text: string) {
  await panel.$$eval(
    '[role=rowgroup] [role=row]',
    (rows, text) => {
      const row = rows.find((r) => r.querySelector('.c-data')?.textContent === text);
      if (!row) throw new Error(`no row ${text}`);
      row.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    },
    text,
  );
  return panel.waitForSelector('[role=region][aria-label="Frame details"]');
}

export function detailText(panel: Frame): Promise<string> {
  return panel.$eval('[role=region][aria-label="Frame details"]', (d) => d.textContent ?? '');
}
