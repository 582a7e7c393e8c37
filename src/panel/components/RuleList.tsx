// Panel UI: the list in the Rules view — each rule with its on/off switch, summary, problems, hit counts, and its edit,
// move and delete buttons; the order is the order rules are tried in.
import type { RuleHits } from '../rules';
import { summarizeRule } from '../ruleWords';
import type { Store } from '../store';

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

/** The rules of the inspected origin, or a note on what rules do while there are none. */
export function RuleList({ store, onEdit }: { store: Store; onEdit: (id: string) => void }) {
  const { rules } = store;
  const list = rules.list.value;
  const problems = rules.problems.value;
  const reach = rules.reach.value;
  const hits = rules.hits.value;
  if (list.length === 0)
    return (
      <p class="empty">
        No rules for {store.origin.value || 'this page'} yet. A rule blocks, rewrites, delays or mocks the frames it matches, or holds them at a
        breakpoint, while this panel is open.
      </p>
    );
  return (
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
            <button type="button" aria-label={`Edit ${r.name}`} title="Edit" onClick={() => onEdit(r.id)}>
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
  );
}
