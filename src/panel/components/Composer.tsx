// Panel UI: the composer below the frames table — a connection, a message in a format (or a protocol's form: "Compose
// as"), and two actions: send it to the server on the page's own socket, or deliver it to the page as if the server had
// sent it (Ctrl/Cmd+Enter sends); a form shows the raw frame it will send. Snippets keep its content under a name.
import { useState } from 'preact/hooks';
import { RAW_MODE } from '../compose';
import { COMPOSER_FORMATS, composable, parsePayload, reformatJson, type ComposerFormat } from '../composer';
import type { PanelActions } from '../contracts';
import type { Store } from '../store';
import { composerTarget, offeredTemplate } from './composerTarget';
import { ProtocolForm } from './ProtocolForm';
import { SnippetsPane } from './SnippetsPane';

export function Composer({ store, actions, height }: { store: Store; actions: PanelActions; height: number }) {
  const c = store.composer;
  const format = c.format.value;
  const text = c.text.value;
  const open = composable(store.connections.value.values());
  const labels = store.labels.value;
  const target = composerTarget(store);
  const offered = target && offeredTemplate(store, target);
  const mode = offered && c.mode.value === offered.id ? offered.id : RAW_MODE;
  const template = mode === RAW_MODE ? undefined : offered;
  const parsed = !template && text ? parsePayload(format, text) : undefined;
  const invalid = parsed && 'error' in parsed ? parsed.error : undefined;
  const status = c.status.value;
  const [snippetsShown, setSnippetsShown] = useState(false);
  const sendKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault(); // handled: the panel keeps the key (see keys.ts)
      actions.compose('send');
    }
  };
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
        <select
          aria-label="Compose as"
          value={mode}
          disabled={!offered}
          title={offered ? 'Write the raw frame, or fill in the protocol’s form' : 'This connection’s protocol has no form: raw frames only'}
          onChange={(e) => c.setMode(e.currentTarget.value)}
        >
          <option value={RAW_MODE}>Raw</option>
          {offered && <option value={offered.id}>{offered.label}</option>}
        </select>
        {!template && (
          <select aria-label="Format" value={format} onChange={(e) => c.setFormat(e.currentTarget.value as ComposerFormat)}>
            {COMPOSER_FORMATS.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        )}
        {!template && format === 'json' && (
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
        <button type="button" aria-label="Snippets" aria-pressed={snippetsShown} title="Saved messages for this site" onClick={() => setSnippetsShown(!snippetsShown)}>
          Snippets
        </button>
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
      <div class="composer-body">
        {snippetsShown && <SnippetsPane store={store} actions={actions} mode={mode} />}
        {template && target ? (
          <ProtocolForm store={store} template={template} target={target} onKeyDown={sendKey} />
        ) : (
          <div class="composer-raw">
            <textarea
              aria-label="Message"
              aria-invalid={invalid ? true : undefined}
              aria-describedby={invalid ? 'composer-error' : undefined}
              spellcheck={false}
              placeholder={PLACEHOLDERS[format]}
              value={text}
              onInput={(e) => c.setText(e.currentTarget.value)}
              onKeyDown={sendKey}
            />
            {invalid && (
              <p id="composer-error" class="composer-error">
                {invalid}
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

const PLACEHOLDERS: Record<ComposerFormat, string> = {
  text: 'A text message',
  json: '{"type": "ping"}',
  hex: '68 65 6c 6c 6f',
  base64: 'aGVsbG8=',
};
