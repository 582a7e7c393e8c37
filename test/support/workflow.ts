// Test support (Node): the inspection-workflow actions on the Chromium WS panel frame that the shared driver does not
// need — filter dropdowns and toggles, opening a row's detail pane — by roles and accessible names.
import type { Frame } from 'puppeteer-core';
import { PANEL } from './driver';

export async function choose(panel: Frame, label: 'Direction' | 'Type', value: string) {
  await panel.select(`select[aria-label=${label}]`, value);
}

/** Clicks the checkbox whose accessible name (aria-label or label text) is `name`. */
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

/** Puts the whole text in the filter box at once, as a paste does (typing goes through every prefix). */
export async function pasteFilter(panel: Frame, text: string) {
  await panel.$eval(
    PANEL.filter,
    (input, text) => {
      (input as HTMLInputElement).value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
}

export const DETAILS = '[role=region][aria-label="Frame details"]';

/** Opens the detail pane for the first rendered row whose data cell is `text`, as a click does. */
export async function openRow(panel: Frame, text: string) {
  await panel.$$eval(
    PANEL.row,
    (rows, text, data) => {
      const row = rows.find((r) => r.querySelector(data)?.textContent === text);
      if (!row) throw new Error(`no row ${text}`);
      row.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    },
    text,
    PANEL.cells.data,
  );
  return panel.waitForSelector(DETAILS);
}

export function detailText(panel: Frame): Promise<string> {
  return panel.$eval(DETAILS, (d) => d.textContent ?? '');
}

/** Filters are remembered per origin (a feature); tests on one origin start from none. */
export async function resetFilters(panel: Frame) {
  await pasteFilter(panel, '');
  await choose(panel, 'Direction', 'all');
  await choose(panel, 'Type', 'all');
  await panel.$eval('input[aria-label=Invert]', (i) => (i as HTMLInputElement).checked && (i as HTMLInputElement).click());
}
