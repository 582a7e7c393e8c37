// Panel (pure logic): what can be done with a frame — its copy formats (the detail pane and the row context menu), and
// sending or delivering it again (the context menu and the table's keys).
import { bytesToBase64 } from '../shared/codec';
import { hexString } from '../shared/format';
import type { CommandPayload } from '../shared/protocol';
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

/** What can be done again with a frame: resend it, deliver it to the page again, or edit it in the composer first. */
export type FrameAction = 'resend' | 'deliverAgain' | 'edit' | 'replay';

export function frameActions(row: Row): { id: FrameAction; label: string; key: string }[] {
  if (row.dir === 'event') return [];
  return [
    row.dir === 'sent' ? { id: 'resend', label: 'Resend', key: 'R' } : { id: 'deliverAgain', label: 'Deliver to page again', key: 'R' },
    { id: 'edit', label: 'Edit and resend', key: 'E' },
    { id: 'replay', label: 'Replay selected…', key: 'P' },
  ];
}

/** A frame's payload as a composer command carries it; undefined when only part of it was kept. */
export function payloadOf(row: Row): CommandPayload | undefined {
  if (row.truncated) return undefined;
  return typeof row.data === 'string' ? { type: 'text', text: row.data } : { type: 'binary', base64: bytesToBase64(row.data) };
}
