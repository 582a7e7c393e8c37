// Panel UI: the composer below the frames table — a connection, a message in a format (or a protocol's form: "Compose
// as"), and two actions: send it to the server on the page's own socket, or deliver it to the page as if the server had
// sent it (Ctrl/Cmd+Enter sends); a form shows the raw frame it will send. Snippets keep its content under a name.
import { useMemo, useRef, useState } from 'preact/hooks';
import { RAW_MODE, templateById, templateFor, type Built, type ConnectionFrames, type Template } from '../compose';
import { COMPOSER_FORMATS, composable, parsePayload, reformatJson, type ComposerContent, type ComposerFormat } from '../composer';
import type { PanelActions } from '../contracts';
import { FIRST_FRAMES } from '../decode/registry';
import type { FrameInput } from '../decode/types';
import { saveFile } from '../dom';
import type { Connection, Row } from '../model';
import type { Snippet } from '../snippets';
import type { CommandPayload } from '../../shared/protocol';
import { ALL_CONNECTIONS, type Store } from '../store';

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

/** A protocol's form: its fields, and the raw frame they make (or why they make none). */
function ProtocolForm({ store, template, target, onKeyDown }: { store: Store; template: Template<any>; target: Connection; onKeyDown: (e: KeyboardEvent) => void }) {
  const c = store.composer;
  const values = { ...template.defaults, ...c.forms.value[template.id] };
  // The next free ids change with the connection's frames: its counts name them.
  const traffic = target.sent.count + target.received.count;
  const context = useMemo(() => template.context(connectionFrames(store, target)), [template, target.key, traffic, store.counts.value.rows]);
  const built: Built = template.build(values, context);
  const hints = template.hints?.(context) ?? {};
  const error = 'error' in built ? built.error : undefined;
  return (
    <div class="composer-form" onKeyDown={onKeyDown}>
      <div class="composer-fields">
        {template.fields.map((f) => {
          const value = values[f.key];
          const set = (v: string | boolean) => c.setField(template.id, f.key, v);
          const placeholder = hints[f.key] ?? f.placeholder;
          if (f.kind === 'check')
            return (
              <label key={f.key} class="check" title={f.title}>
                <input type="checkbox" aria-label={f.label} checked={value === true} onChange={(e) => set(e.currentTarget.checked)} />
                {f.label}
              </label>
            );
          return (
            <label key={f.key} class={f.kind === 'area' ? 'area' : undefined} title={f.title}>
              <span>{f.label}</span>
              {f.kind === 'select' ? (
                <select aria-label={f.label} value={String(value)} onChange={(e) => set(e.currentTarget.value)}>
                  {f.options?.map(([v, l]) => (
                    <option key={v} value={v}>
                      {l}
                    </option>
                  ))}
                </select>
              ) : f.kind === 'area' ? (
                <textarea aria-label={f.label} spellcheck={false} rows={2} placeholder={placeholder} value={String(value)} onInput={(e) => set(e.currentTarget.value)} />
              ) : (
                <input type="text" aria-label={f.label} spellcheck={false} placeholder={placeholder} value={String(value)} onInput={(e) => set(e.currentTarget.value)} />
              )}
            </label>
          );
        })}
      </div>
      <div class="composer-preview-box">
        <pre
          class="composer-preview"
          role="textbox"
          aria-readonly="true"
          aria-multiline="true"
          aria-label="Frame preview"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'composer-error' : undefined}
          tabIndex={0}
          title={'payload' in built ? (built.payload.type === 'binary' ? 'Binary frame, in hex' : 'Text frame') : undefined}
        >
          {'preview' in built ? built.preview : ''}
        </pre>
        {error && (
          <p id="composer-error" class="composer-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

/** The saved snippets of the inspected site: save the composer's content, send one, load one, delete; export and import. */
function SnippetsPane({ store, actions, mode }: { store: Store; actions: PanelActions; mode: string }) {
  const c = store.composer;
  const snippets = c.snippets;
  const list = snippets.list.value;
  const ready = snippets.ready.value;
  const [name, setName] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const say = (ok: boolean, text: string) => {
    c.setStatus({ ok, text });
    actions.notify(text);
  };
  const save = () => {
    const n = name.trim();
    if (!n) return say(false, 'Give the snippet a name.');
    const done = snippets.save(n, c.content(mode));
    if ('error' in done) return say(false, done.error);
    say(true, `${done.replaced ? 'Replaced' : 'Saved'} snippet “${n}”`);
    setName('');
  };
  const edit = (s: Snippet) => {
    // A form snippet goes to a connection that offers its form, if the chosen one does not.
    const target = composerTarget(store);
    const fits = (conn: Connection) => s.mode === RAW_MODE || offeredTemplate(store, conn)?.id === s.mode;
    const to = target && fits(target) ? undefined : composable(store.connections.value.values()).find(fits)?.key;
    c.load(s, to);
    say(true, `Loaded snippet “${s.name}”`);
  };
  const importFile = async (f: File) => {
    const done = snippets.importJson(await f.text());
    if ('error' in done) return say(false, done.error);
    say(true, `Imported ${done.added + done.replaced} snippet${done.added + done.replaced === 1 ? '' : 's'}${done.replaced ? ` (${done.replaced} replaced)` : ''}`);
  };
  return (
    <div class="snippets" role="region" aria-label="Snippets">
      {/* Not a <form>: DevTools panels may not submit forms (sandboxed), so Enter and the button call save(). */}
      <div class="snippet-save">
        <input
          type="text"
          aria-label="Snippet name"
          placeholder="Snippet name"
          maxLength={100}
          value={name}
          disabled={!ready}
          onInput={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            save();
          }}
        />
        <button type="button" onClick={save} aria-label="Save snippet" disabled={!ready} title={ready ? 'Save what the composer holds under this name (this site only)' : 'The inspected page’s origin is not known yet'}>
          Save
        </button>
      </div>
      <ul class="snippet-list" aria-label="Saved snippets">
        {!list.length && <li class="empty">{ready ? 'No snippets for this site yet.' : 'Waiting for the page’s origin…'}</li>}
        {list.map((s) => (
          <li key={s.name}>
            <span class="snippet-name" title={describeSnippet(s)}>
              {s.name}
            </span>
            <button type="button" aria-label={`Send ${s.name}`} title="Send to the server on the composer’s connection" onClick={() => actions.compose('send', s)}>
              ▶
            </button>
            <button type="button" aria-label={`Edit ${s.name}`} title="Load into the composer" onClick={() => edit(s)}>
              ✎
            </button>
            <button type="button" aria-label={`Delete ${s.name}`} title="Delete" onClick={() => (snippets.remove(s.name), say(true, `Deleted snippet “${s.name}”`))}>
              ✕
            </button>
          </li>
        ))}
      </ul>
      <div class="snippet-file">
        <button
          type="button"
          aria-label="Export snippets"
          disabled={!list.length}
          onClick={() => saveFile(`ws-snippets-${fileSafe(store.origin.value)}.json`, 'application/json', snippets.exportJson())}
        >
          Export
        </button>
        <button type="button" aria-label="Import snippets" disabled={!ready} onClick={() => file.current?.click()}>
          Import
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          aria-label="Snippets file"
          hidden
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) void importFile(f);
          }}
        />
      </div>
    </div>
  );
}

const fileSafe = (origin: string) => origin.replace(/^\w+:\/\//, '').replace(/[^\w.-]+/g, '_') || 'site';

function describeSnippet(s: Snippet): string {
  const template = templateById(s.mode);
  if (template) return `${template.label}: ${template.fields.map((f) => `${f.label} ${JSON.stringify(s.form?.[f.key] ?? template.defaults[f.key])}`).join(', ')}`;
  const name = COMPOSER_FORMATS.find(([id]) => id === s.format)?.[1] ?? s.format;
  return `${name}: ${s.text.length > 200 ? `${s.text.slice(0, 200)}…` : s.text}`;
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

/** The protocol form a connection offers: its decoder's (detected, or chosen with Decode as), if that has one. */
export function offeredTemplate(store: Store, c: Connection): Template<any> | undefined {
  return templateFor(store.decoding.protocols.value.get(c.key)?.decoderId);
}

/** How many of a connection's latest frames a form reads for its next free ids (with its first frames, the handshake). */
const RECENT_FRAMES = 2000;

/** A connection's first frames and its latest, in time order, as a template reads them (not what the panel delivered). */
export function connectionFrames(store: Store, c: Connection): ConnectionFrames {
  const all = store.getRows();
  const ours = (r: Row) => r.key === c.key && r.dir !== 'event' && !(r.fromPanel && r.dir === 'received');
  const first: Row[] = [];
  for (let i = 0; i < all.length && first.length < FIRST_FRAMES; i++) if (ours(all[i])) first.push(all[i]);
  const recent: Row[] = [];
  for (let i = all.length - 1; i >= 0 && recent.length < RECENT_FRAMES; i--) if (ours(all[i])) recent.push(all[i]);
  recent.reverse();
  const frames = [...first.filter((r) => !recent.includes(r)), ...recent] as FrameInput[];
  return { hints: { url: c.url, protocol: c.protocol, protocols: c.protocols }, frames };
}

/**
 * The payload the composer's content stands for on `target`, or why none: the raw editor's text in its format, or the
 * form's frame. Without `content`, what the composer holds (a form only where the target offers it); a snippet's form
 * must fit the target's protocol.
 */
export function composedPayload(store: Store, target: Connection, content?: ComposerContent): { payload: CommandPayload } | { error: string } {
  const offered = offeredTemplate(store, target);
  const mode = content?.mode ?? (offered && store.composer.mode.value === offered.id ? offered.id : RAW_MODE);
  const held = content ?? store.composer.content(mode);
  if (mode === RAW_MODE) return parsePayload(held.format, held.text);
  const template = templateById(mode);
  if (!template) return { error: `The composer has no form “${mode}”.` };
  if (template !== offered) {
    const protocol = store.decoding.protocols.value.get(target.key)?.label ?? 'Raw';
    return { error: `That is a ${template.label}, and #${target.n} is not a ${template.protocol} connection (decoded as ${protocol}).` };
  }
  const built = template.build({ ...template.defaults, ...held.form }, template.context(connectionFrames(store, target)));
  return 'error' in built ? built : { payload: built.payload };
}
