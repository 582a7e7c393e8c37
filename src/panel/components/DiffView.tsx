// Panel UI: Diff — two frames compared, in the detail pane: JSON by path (added, removed, changed), other text by line
// or character, binary by byte (hex). Page data is rendered as text only.
import { useMemo } from 'preact/hooks';
import { formatTime, hexString } from '../../shared/format';
import type { Run } from '../diff';
import { frameDiff } from '../frameDiff';
import type { Row } from '../model';
import type { Store } from '../store';

const VALUE_MAX = 300;
const value = (v: unknown) => {
  const s = v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > VALUE_MAX ? `${s.slice(0, VALUE_MAX)}…` : s;
};
const MARK = { same: ' ', added: '+', removed: '-' } as const;

function Runs<T>({ runs, show, label, lines }: { runs: Run<T>[]; show: (items: T[]) => string; label: string; lines?: boolean }) {
  return (
    <pre class="payload diff-text" aria-label={label}>
      {runs.map((r, i) => {
        const text = lines ? r.items.map((l) => `${MARK[r.op]} ${show([l])}\n`).join('') : show(r.items);
        if (r.op === 'added') return <ins key={i}>{text}</ins>;
        if (r.op === 'removed') return <del key={i}>{text}</del>;
        return <span key={i}>{text}</span>;
      })}
    </pre>
  );
}

const describeRow = (r: Row) => `${r.dir} ${r.type} at ${formatTime(r.t)} (${r.length} B)`;

export function DiffView({ store, pair }: { store: Store; pair: readonly [Row, Row] }) {
  const [a, b] = pair;
  // The pane re-renders as frames arrive; a diff of long frames is worth computing once.
  const d = useMemo(() => frameDiff(a, b), [a, b]);
  const counts = d.kind === 'json' ? (['added', 'removed', 'changed'] as const).map((k) => `${d.changes.filter((c) => c.kind === k).length} ${k}`).join(', ') : '';
  return (
    <section class="diff" role="region" aria-label="Diff">
      <header>
        <h3>Diff</h3>
        <button type="button" class="close" aria-label="Close diff" title="Back to the frame" onClick={store.compare.close}>
          ✕
        </button>
      </header>
      <p class="note">
        From <del>{describeRow(a)}</del> to <ins>{describeRow(b)}</ins>
      </p>
      {d.kind === 'equal' && <p class="diff-summary">The two frames are identical.</p>}
      {d.kind === 'json' && (
        <>
          <p class="diff-summary">JSON: {d.changes.length ? counts : 'the same values (only their formatting differs)'}</p>
          <ul class="diff-changes" aria-label="Changes">
            {d.changes.map((c, i) => (
              <li key={i} class={`diff-${c.kind}`}>
                <span class="diff-mark">{c.kind === 'added' ? '+' : c.kind === 'removed' ? '−' : '~'}</span> <code>{c.path}</code>{' '}
                {c.kind === 'added' && <ins>{value(c.after)}</ins>}
                {c.kind === 'removed' && <del>{value(c.before)}</del>}
                {c.kind === 'changed' && (
                  <>
                    <del>{value(c.before)}</del> → <ins>{value(c.after)}</ins>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {d.kind === 'text' && (
        <>
          <p class="diff-summary">Text, by {d.unit}</p>
          <Runs runs={d.runs} show={(items) => items.join('')} label="Text diff" lines={d.unit === 'line'} />
        </>
      )}
      {d.kind === 'bytes' && (
        <>
          <p class="diff-summary">Bytes (hex)</p>
          <Runs runs={d.runs} show={(items) => `${hexString(Uint8Array.from(items))} `} label="Hex diff" />
        </>
      )}
      {d.kind === 'summary' && (
        <p class="diff-summary">
          Too long or too different to compare {d.unit} by {d.unit}: they first differ at {d.unit} {d.firstDifference.toLocaleString('en-US')}.
        </p>
      )}
    </section>
  );
}
