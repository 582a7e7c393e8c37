// Panel UI: the composer below the frames table — a connection, a message in a format, and two actions: send it to
// the server on the page's own socket, or deliver it to the page as if the server had sent it (Ctrl/Cmd+Enter sends).
import { COMPOSER_FORMATS, composable, parsePayload, reformatJson, type ComposerFormat } from '../composer';
import type { PanelActions } from '../contracts';
import { ALL_CONNECTIONS, type Store } from '../store';

export function Composer({ store, actions, height }: { store: Store; actions: PanelActions; height: number }) {
  const c = store.composer;
  const format = c.format.value;
  const text = c.text.value;
  const open = composable(store.connections.value.values());
  const labels = store.labels.value;
  const target = composerTarget(store);
  const parsed = text ? parsePayload(format, text) : undefined;
  const invalid = parsed && 'error' in parsed ? parsed.error : undefined;
  const status = c.status.value;
  return (
    <section class="composer" role="region" aria-label="Composer" style={{ height }}>
      <div class="composer-bar">
        <select aria-label="Connection" value={target?.key ?? ''} onChange={(e) => c.setTarget(e.currentTarget.value)}>
          {!open.length && <option value="">No open connection</option>}
          {open.map((conn) => (
            <option key={conn.key} value={conn.key} title={conn.url}>
              #{conn.n} {labels.get(conn.key) ?? conn.url}
            </option>
          ))}
        </select>
        <select aria-label="Format" value={format} onChange={(e) => c.setFormat(e.currentTarget.value as ComposerFormat)}>
          {COMPOSER_FORMATS.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        {format === 'json' && (
          <>
            <button type="button" onClick={() => c.setText(reformatJson(text, true))}>
              Pretty
            </button>
            <button type="button" onClick={() => c.setText(reformatJson(text, false))}>
              Compact
            </button>
          </>
        )}
        <span class="composer-status" aria-live="polite" data-ok={status?.ok}>
          {status?.text}
        </span>
        <button type="button" class="primary" aria-label="Send to server" title="Send on the page's socket (Ctrl/Cmd+Enter)" disabled={!target} onClick={() => actions.compose('send')}>
          Send to server
        </button>
        <button type="button" aria-label="Deliver to page" title="The page's listeners receive it as if the server had sent it" disabled={!target} onClick={() => actions.compose('deliver')}>
          Deliver to page
        </button>
        <button type="button" class="close" aria-label="Close composer" onClick={() => c.toggle(false)}>
          ✕
        </button>
      </div>
      <textarea
        aria-label="Message"
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? 'composer-error' : undefined}
        spellcheck={false}
        placeholder={PLACEHOLDERS[format]}
        value={text}
        onInput={(e) => c.setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault(); // handled: the panel keeps the key (see keys.ts)
            actions.compose('send');
          }
        }}
      />
      {invalid && (
        <p id="composer-error" class="composer-error">
          {invalid}
        </p>
      )}
    </section>
  );
}

const PLACEHOLDERS: Record<ComposerFormat, string> = {
  text: 'A text message',
  json: '{"type": "ping"}',
  hex: '68 65 6c 6c 6f',
  base64: 'aGVsbG8=',
};

/** The connection the composer acts on: the chosen one while it is open, else the selected one, else the first open one. */
export function composerTarget(store: Store) {
  const open = composable(store.connections.value.values());
  const chosen = store.composer.target.value;
  const selected = store.selected.value;
  return open.find((c) => c.key === chosen) ?? open.find((c) => selected !== ALL_CONNECTIONS && c.key === selected) ?? open[0];
}
