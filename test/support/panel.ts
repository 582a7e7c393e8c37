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

export async function selectConnection(panel: Frame, url: string) {
  await panel.click(`button[aria-label="Connection ${url}"]`);
}
