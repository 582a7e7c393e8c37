// Panel UI: the rule editor in the Rules view — one rule's name, what it matches and what it does, with its problem
// shown as it is typed.
import { useState } from 'preact/hooks';
import { checkRule, type Rule } from '../../shared/rules';
import { formFromRule, ruleFromForm, type RuleForm } from '../ruleForm';

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
