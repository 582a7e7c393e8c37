// Panel UI: Copy as code — a connection as JavaScript (`new WebSocket(url, protocols)` sending its sent frames at their
// recorded pace) or a websocat command line, shown to read and copied in one click. Built when opened, from the rows
// the panel still holds.
import { useState } from 'preact/hooks';
import { javascriptSnippet, sentFrames, websocatCommand } from '../copyAsCode';
import type { Connection } from '../model';
import type { Store } from '../store';
import { Menu } from './Menu';

export function CopyAsCode({ store, c, onCopy }: { store: Store; c: Connection; onCopy: (text: string, what?: string) => void }) {
  const [code, setCode] = useState<{ js: string; websocat: string }>();
  const build = (open: boolean) => {
    if (!open) return setCode(undefined);
    const sent = sentFrames(store.getRows(), c.key);
    setCode({ js: javascriptSnippet(c, sent), websocat: websocatCommand(c, sent) });
  };
  return (
    <Menu label="Copy as code" title="This connection as code that opens it again and sends its sent frames" button="</> Copy as code" class="copy-as-code" onToggle={build}>
      {/* The body is there while closed too, so the menu can measure where it fits as it opens. */}
      <div class="menu-body code-body" role="group" aria-label={`Code for #${c.n}`}>
        {code && (
          <>
            <div class="code-head">
              <strong>JavaScript</strong>
              <button type="button" aria-label="Copy JavaScript" onClick={() => onCopy(code.js, 'Copied JavaScript')}>
                Copy
              </button>
            </div>
            <pre class="payload code" aria-label="JavaScript">
              {code.js}
            </pre>
            <div class="code-head">
              <strong>websocat</strong>
              <button type="button" aria-label="Copy websocat command" onClick={() => onCopy(code.websocat, 'Copied websocat command')}>
                Copy
              </button>
            </div>
            <pre class="payload code" aria-label="websocat">
              {code.websocat}
            </pre>
          </>
        )}
      </div>
    </Menu>
  );
}
