// Test support (Node): the inspection-workflow steps on the WS panel that several scenarios share — filter dropdowns
// and toggles, opening a row's detail pane — through the shared driver, by roles and accessible names.
import { PANEL, waitUntil, type WorkbenchPanel } from './driver';

export const DETAILS = '[role=region][aria-label="Frame details"]';

export async function choose(panel: WorkbenchPanel, label: 'Direction' | 'Type', value: string) {
  await panel.choose(`select[aria-label=${label}]`, value);
}

/** Sets the checkbox with this accessible name (its aria-label, or the text of its label) to `on`. */
export async function setCheckbox(panel: WorkbenchPanel, selector: string, on: boolean) {
  if ((await panel.value(selector)) !== String(on)) await panel.click(selector);
  await waitUntil(() => panel.value(selector), (v) => v === String(on), `${selector} ${on ? 'checked' : 'unchecked'}`);
}

/** Puts the whole text in the filter box at once, as a paste does (typing goes through every prefix). */
export const pasteFilter = (panel: WorkbenchPanel, text: string) => panel.fill(PANEL.filter, text);

/** Opens the detail pane for the rendered row whose data cell is `text`, as a click does. */
export async function openRow(panel: WorkbenchPanel, text: string) {
  await panel.clickRow(text);
  await waitUntil(() => panel.text(DETAILS), (t) => t !== null, 'the detail pane');
}

export const detailText = async (panel: WorkbenchPanel) => (await panel.text(DETAILS)) ?? '';

/** Filters are remembered per origin (a feature); tests on one origin start from none. */
export async function resetFilters(panel: WorkbenchPanel) {
  await pasteFilter(panel, '');
  await choose(panel, 'Direction', 'all');
  await choose(panel, 'Type', 'all');
  await setCheckbox(panel, 'input[aria-label=Invert]', false);
}
