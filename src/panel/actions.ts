// Panel (pure logic): the copy formats offered for a frame, shared by the detail pane and the row context menu.
import { bytesToBase64 } from '../shared/codec';
import { hexString } from '../shared/format';
import { parseJsonFrame } from './json';
import type { Row } from './model';

export interface CopyFormat {
  label: string;
  /** Computed on use: a 4 MiB frame's hex is not built just to show a menu. */
  text: () => string;
}

export function copyFormats(row: Row): CopyFormat[] {
  const bytes = () => (typeof row.data === 'string' ? new TextEncoder().encode(row.data) : row.data);
  const formats: CopyFormat[] = [
    { label: 'Copy message', text: () => (typeof row.data === 'string' ? row.data : hexString(row.data)) },
    { label: 'Copy as Base64', text: () => bytesToBase64(bytes()) },
    { label: 'Copy as hex', text: () => hexString(bytes()) },
  ];
  if (typeof row.data === 'string' && row.dir !== 'event') {
    const json = parseJsonFrame(row.data);
    if (json.kind === 'json') formats.push({ label: 'Copy as JSON', text: () => JSON.stringify(json.value, null, 2) });
  }
  return formats;
}
