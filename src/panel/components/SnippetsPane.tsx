// Panel UI: the composer's Snippets pane — the inspected site's saved messages: save what the composer holds under a
// name, send one, load one, delete one; export them to a file and import them from one.
import { useState } from 'preact/hooks';
import { RAW_MODE, templateById } from '../compose';
import { COMPOSER_FORMATS, composable } from '../composer';
import type { PanelActions } from '../contracts';
import { originFileName } from '../dom';
import { JsonFileButtons, importedMessage } from './JsonFileButtons';
import type { Connection } from '../model';
import type { Snippet } from '../snippets';
import type { Store } from '../store';
import { composerTarget, offeredTemplate } from './composerTarget';

/** The saved snippets of the inspected site: save the composer's content, send one, load one, delete; export and import. */
export function SnippetsPane({ store, actions, mode }: { store: Store; actions: PanelActions; mode: string }) {
  const c = store.composer;
  const snippets = c.snippets;
  const list = snippets.list.value;
  const ready = snippets.ready.value;
  const [name, setName] = useState('');
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
    say(true, importedMessage('snippet', done));
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
        <JsonFileButtons
          noun="snippets"
          fileName={() => originFileName('ws-snippets', store.origin.value, 'site')}
          exportJson={snippets.exportJson}
          empty={!list.length}
          importDisabled={!ready}
          onImport={(f) => void importFile(f)}
        />
      </div>
    </div>
  );
}

function describeSnippet(s: Snippet): string {
  const template = templateById(s.mode);
  if (template) return `${template.label}: ${template.fields.map((f) => `${f.label} ${JSON.stringify(s.form?.[f.key] ?? template.defaults[f.key])}`).join(', ')}`;
  const name = COMPOSER_FORMATS.find(([id]) => id === s.format)?.[1] ?? s.format;
  return `${name}: ${s.text.length > 200 ? `${s.text.slice(0, 200)}…` : s.text}`;
}
