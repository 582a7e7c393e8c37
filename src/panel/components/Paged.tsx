// Panel UI: a big payload in the detail pane, shown a page at a time ("Show more") — as text, or as a hex dump — so
// rendering a multi-megabyte frame never freezes the panel.
import { useState } from 'preact/hooks';
import { formatBytes, hexDump } from '../../shared/format';

const TEXT_PAGE = 256 * 1024;
const HEX_PAGE = 16 * 1024;

export function Paged({ text, label }: { text: string; label: string }) {
  const [limit, setLimit] = useState(TEXT_PAGE);
  return (
    <>
      <pre class="payload" aria-label={label}>
        {text.length > limit ? text.slice(0, limit) : text}
      </pre>
      {text.length > limit && (
        <button type="button" class="more" onClick={() => setLimit(limit * 4)}>
          Show more ({formatBytes(text.length - limit)} of characters not shown)
        </button>
      )}
    </>
  );
}

export function HexView({ bytes }: { bytes: Uint8Array }) {
  const [limit, setLimit] = useState(HEX_PAGE);
  const lines = hexDump(bytes, limit);
  return (
    <>
      <pre class="payload hexdump" aria-label="Hex dump">
        {lines.map((l) => `${l.offset}  ${l.hex.padEnd(48)}  ${l.ascii}\n`).join('')}
      </pre>
      {bytes.length > limit && (
        <button type="button" class="more" onClick={() => setLimit(limit * 8)}>
          Show more ({formatBytes(bytes.length - limit)} not shown)
        </button>
      )}
    </>
  );
}
