// Panel UI: interception rules — the Rules view (the list with on/off, hit counts and errors; add, edit, reorder,
// delete; export and import; break on next frame), the rule editor, and the banner that says how many rules are active.
import { useState } from 'preact/hooks';
import { checkRule, type Rule } from '../../shared/rules';
import type { PanelActions } from '../contracts';
import { saveFile } from '../dom';
import { blankRule, formFromRule, ruleFromForm, type RuleForm } from '../ruleForm';
import type { RuleHits } from '../rules';
import { summarizeRule } from '../ruleWords';
import type { Store } from '../store';

const DIRECTIONS: [Rule['match']['direction'], string][] = [
  ['both', 'Sent and received'],
  ['sent', '↑ Sent'],
  ['received', '↓ Received'],
];
const PAYLOAD_KINDS: [Rule['match']['payload']['kind'], string, string][] = [
  ['any', 'Any payload', ''],
  ['text', 'Contains text', 'subscribe'],
  ['regex', 'Matches regex', '/"id":(\\d+)/'],
  ['json', 'JSON condition', '$.type == "subscribe"'],
  ['decoded', 'Decoded field', 'event:chat (as in the filter; * for any run)'],
];
const ACTIONS: [Rule['action']['type'], string][] = [
  ['block', 'Block'],
  ['rewrite', 'Rewrite (regex replace)'],
  ['jsonSet', 'Set JSON field'],
  ['jsonRemove', 'Remove JSON field'],
  ['delay', 'Delay'],
  ['mock', 'Mock reply'],
  ['breakpoint', 'Breakpoint'],
];

function hitsText(h: RuleHits | undefined): string {
  const n = h?.total ?? 0;
  return `${n} ${n === 1 ? 'hit' : 'hits'}`;
}

function hitsTitle(h: RuleHits | undefined): string | undefined {
  if (!h) return undefined;
  return Object.entries(h.byOutcome)
    .map(([outcome, n]) => `${outcome}: ${n}`)
    .join(', ');
}

interface EditorProps {
  initial: Omit<Rule, 'id'>;
  title: string;
  onSave: (rule: Omit<Rule, 'id'>) => void;
  onCancel: () => void;
}

/** Adds or edits one rule; the problem with it (checkRule) shows as it is typed. Saving keeps it even if invalid. */
export function RuleEditor({ initial, title, onSave, onCancel }: EditorProps) {
  const [form, setForm] = useState<RuleForm>(() => formFromRule(initial));
  // From the latest state: keys typed quickly into one field and then another must not undo each other.
  const set = (patch: Partial<RuleForm>) => setForm((f) => ({ ...f, ...patch }));
  const draft = ruleFromForm(form);
  const problem = checkRule({ ...draft, id: '', name: draft.name || 'unnamed' });
  const kind = PAYLOAD_KINDS.find((k) => k[0] === form.payloadKind)!;
  const text = (label: string, key: 'url' | 'payloadValue' | 'find' | 'replace' | 'path' | 'value' | 'ms' | 'timeoutMs', placeholder = '', type = 'text') => (
    <label>
      <span>{label}</span>
      <input type={type} aria-label={label} placeholder={placeholder} value={form[key]} onInput={(e) => set({ [key]: e.currentTarget.value })} />
    </label>
  );
  return (
    <form
      class="rule-editor"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault(); // handled: the panel keeps the key (see keys.ts)
        onCancel();
      }}
    >
      <h3>{title}</h3>
      <label>
        <span>Name</span>
        <input type="text" aria-label="Name" placeholder="Rule name" value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} />
      </label>
      <fieldset>
        <legend>Match</legend>
        {text('URL', 'url', 'Any socket; glob (wss://*.example.com/*) or /regex/')}
        <label>
          <span>Direction</span>
          <select aria-label="Rule direction" value={form.direction} onChange={(e) => set({ direction: e.currentTarget.value as RuleForm['direction'] })}>
            {DIRECTIONS.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Payload</span>
          <select aria-label="Payload" value={form.payloadKind} onChange={(e) => set({ payloadKind: e.currentTarget.value as RuleForm['payloadKind'] })}>
            {PAYLOAD_KINDS.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {form.payloadKind !== 'any' && text('Payload value', 'payloadValue', kind[2])}
      </fieldset>
      <fieldset>
        <legend>Action</legend>
        <label>
          <span>Action</span>
          <select aria-label="Action" value={form.action} onChange={(e) => set({ action: e.currentTarget.value as RuleForm['action'] })}>
            {ACTIONS.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {form.action === 'rewrite' && (
          <>
            {text('Find', 'find', '/"price":(\\d+)/ or a pattern')}
            {text('Replace with', 'replace', '"price":0 ($1 is the first group)')}
          </>
        )}
        {(form.action === 'jsonSet' || form.action === 'jsonRemove') && text('JSON path', 'path', '$.a.b')}
        {form.action === 'jsonSet' && text('JSON value', 'value', '"text", 42, true, null, {…}')}
        {form.action === 'delay' && text('Delay (ms)', 'ms', '500', 'number')}
        {form.action === 'mock' && (
          <>
            {text('Reply after (ms)', 'ms', '0', 'number')}
            <label class="area">
              <span>Reply template</span>
              <textarea
                aria-label="Reply template"
                rows={3}
                placeholder={'{"id": {{$.id}}, "result": "ok"}  ($1: the payload regex’s first group)'}
                value={form.template}
                onInput={(e) => set({ template: e.currentTarget.value })}
              />
            </label>
            <label class="check">
              <input type="checkbox" checked={form.sendOriginal} onChange={(e) => set({ sendOriginal: e.currentTarget.checked })} />
              Also send the request to the server
            </label>
          </>
        )}
        {form.action === 'breakpoint' && text('Timeout (ms)', 'timeoutMs', '30000', 'number')}
      </fieldset>
      {problem && (
        <p class="rule-error" role="status">
          {problem} A rule with a problem stays off until it is fixed.
        </p>
      )}
      <div class="rule-editor-actions">
        <button type="button" class="primary" aria-label="Save rule" onClick={() => onSave(draft)}>
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type Editing = { id: string } | 'new' | undefined;

/** The Rules view: a pane above the frames table. */
export function RulesView({ store, actions }: { store: Store; actions: PanelActions }) {
  const { rules } = store;
  const [editing, setEditing] = useState<Editing>(undefined);
  const [importError, setImportError] = useState('');
  const list = rules.list.value;
  const problems = rules.problems.value;
  const reach = rules.reach.value;
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
          onClick={() => saveFile(`ws-rules-${store.origin.value.replace(/^\w+:\/\//, '').replace(/[^\w.-]+/g, '_') || 'page'}.json`, 'application/json', rules.exportText())}
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
      {list.length === 0 ? (
        <p class="empty">
          No rules for {store.origin.value || 'this page'} yet. A rule blocks, rewrites, delays or mocks the frames it matches, or holds them at a
          breakpoint, while this panel is open.
        </p>
      ) : (
        <ol class="rule-list" aria-label="Rule list">
          {list.map((r, i) => {
            const problem = problems.get(r.id);
            const h = hits.get(r.id);
            return (
              <li key={r.id} class={`rule${r.enabled && !problem ? '' : ' off'}`}>
                <input type="checkbox" role="switch" aria-label={`${r.name} on`} checked={r.enabled} onChange={(e) => rules.setEnabled(r.id, e.currentTarget.checked)} />
                <span class="rule-text">
                  <span class="rule-name">{r.name}</span>
                  <span class="rule-summary">{summarizeRule(r)}</span>
                  {problem && <span class="rule-error">Not active: {problem}</span>}
                  {!problem && reach.get(r.id) && <span class="rule-reach">{reach.get(r.id)}</span>}
                  {h?.error && <span class="rule-error">Error in the page: {h.error}</span>}
                </span>
                <span class="rule-hits" title={hitsTitle(h)}>
                  {hitsText(h)}
                </span>
                <button type="button" aria-label={`Edit ${r.name}`} title="Edit" onClick={() => setEditing({ id: r.id })}>
                  ✎
                </button>
                <button type="button" aria-label={`Move ${r.name} up`} title="Move up (the first rule that matches acts)" disabled={i === 0} onClick={() => rules.move(r.id, -1)}>
                  ▲
                </button>
                <button type="button" aria-label={`Move ${r.name} down`} title="Move down" disabled={i === list.length - 1} onClick={() => rules.move(r.id, 1)}>
                  ▼
                </button>
                <button type="button" aria-label={`Delete ${r.name}`} title="Delete" onClick={() => rules.remove(r.id)}>
                  🗑
                </button>
              </li>
            );
          })}
        </ol>
      )}
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
