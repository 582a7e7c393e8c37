// Panel UI: interception rules — the Rules view (its bar: add, break on next frame, export and import, reset counts;
// under it the rule editor and the rule list), and the banner that says how many rules are active.
import { useState } from 'preact/hooks';
import type { PanelActions } from '../contracts';
import { originFileName, saveFile } from '../dom';
import { blankRule } from '../ruleForm';
import type { Store } from '../store';
import { RuleEditor } from './RuleEditor';
import { RuleList } from './RuleList';

type Editing = { id: string } | 'new' | undefined;

/** The Rules view: a pane above the frames table. */
export function RulesView({ store, actions }: { store: Store; actions: PanelActions }) {
  const { rules } = store;
  const [editing, setEditing] = useState<Editing>(undefined);
  const [importError, setImportError] = useState('');
  const list = rules.list.value;
  const hits = rules.hits.value;
  const next = rules.breakNext.value;
  const edited = editing && editing !== 'new' ? list.find((r) => r.id === editing.id) : undefined;

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const error = rules.importText(await file.text());
    setImportError(error);
    if (!error) actions.notify(`Imported rules from ${file.name}`);
  }

  return (
    <section class="rules" role="region" aria-label="Rules">
      <div class="rules-bar">
        <strong>Rules</strong>
        <button type="button" class="primary" aria-label="Add rule" onClick={() => setEditing('new')}>
          Add rule
        </button>
        <button
          type="button"
          aria-pressed={next.sent}
          title="Hold the next frame the page sends, whatever it is (once)"
          onClick={() => rules.setBreakNext('sent', !next.sent)}
        >
          Break on next sent frame
        </button>
        <button
          type="button"
          aria-pressed={next.received}
          title="Hold the next frame the page receives, whatever it is (once)"
          onClick={() => rules.setBreakNext('received', !next.received)}
        >
          Break on next received frame
        </button>
        <span class="separator" />
        <button
          type="button"
          disabled={!list.length}
          onClick={() => saveFile(originFileName('ws-rules', store.origin.value, 'page'), 'application/json', rules.exportText())}
        >
          Export rules
        </button>
        <label class="file-button">
          Import rules
          <input type="file" accept=".json,application/json" aria-label="Import rules" onChange={(e) => void importFile(e.currentTarget)} />
        </label>
        <button type="button" onClick={rules.resetCounts} disabled={!hits.size}>
          Reset counts
        </button>
        <button type="button" class="close" aria-label="Close rules" title="Close the Rules view" onClick={() => rules.show(false)}>
          ✕
        </button>
      </div>
      {importError && (
        <p class="rule-error" role="alert">
          Not imported: {importError}
        </p>
      )}
      {editing === 'new' && (
        <RuleEditor
          title="New rule"
          initial={blankRule()}
          onCancel={() => setEditing(undefined)}
          onSave={(r) => {
            rules.add({ ...r, name: r.name || `Rule ${list.length + 1}` });
            setEditing(undefined);
          }}
        />
      )}
      {edited && (
        <RuleEditor
          key={edited.id}
          title={`Edit rule ${edited.name}`}
          initial={edited}
          onCancel={() => setEditing(undefined)}
          onSave={(r) => {
            rules.update({ ...r, id: edited.id, name: r.name || edited.name });
            setEditing(undefined);
          }}
        />
      )}
      <RuleList store={store} onEdit={(id) => setEditing({ id })} />
    </section>
  );
}

/** Under the toolbar while any rule acts on the page's frames. */
export function RulesBanner({ store }: { store: Store }) {
  const { rules } = store;
  const n = rules.active.value;
  const next = rules.breakNext.value;
  const armed = [next.sent && 'the next sent frame', next.received && 'the next received frame'].filter(Boolean).join(' and ');
  if (!n && !armed) return null;
  return (
    <div class="rules-banner" role="note" aria-live="polite" aria-label="Interception">
      {n > 0 && (
        <span>
          {n} {n === 1 ? 'rule' : 'rules'} active
        </span>
      )}
      {armed && <span>Breaking on {armed}</span>}
      {!rules.shown.value && (
        <button type="button" class="link" onClick={() => rules.show(true)}>
          Show rules
        </button>
      )}
    </div>
  );
}
