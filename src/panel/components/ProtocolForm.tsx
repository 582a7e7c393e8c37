// Panel UI: a protocol's form in the composer ("Compose as") — its fields, and a read-only preview of the raw frame they
// make, or why they make none.
import { useMemo } from 'preact/hooks';
import type { Built, Template } from '../compose';
import type { Connection } from '../model';
import type { Store } from '../store';
import { connectionFrames } from './composerTarget';

/** A protocol's form: its fields, and the raw frame they make (or why they make none). */
export function ProtocolForm({ store, template, target, onKeyDown }: { store: Store; template: Template<any>; target: Connection; onKeyDown: (e: KeyboardEvent) => void }) {
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
