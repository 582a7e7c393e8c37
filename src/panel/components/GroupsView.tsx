// Panel UI: Group by — the frames shown, grouped by the chosen decoded or JSON field, with frames, bytes and rate per group;
// clicking a group filters the table by it. Shows the biggest groups only, so a field of ids stays a short list.
import { formatBytes } from '../../shared/format';
import { groupQuery, groupRate, type Group } from '../groupBy';
import type { Store } from '../store';

export const GROUPS_SHOWN = 100;

const rate = (g: Group, spanMs: number) => {
  const r = groupRate(g, spanMs);
  return `${r >= 10 ? Math.round(r) : r.toFixed(r >= 1 ? 1 : 2)}/s`;
};

export function GroupsView({ store }: { store: Store }) {
  const grouping = store.groups.value;
  if (!grouping) return null;
  const { field, groups, without, spanMs, counted, total } = grouping;
  const filterBy = (g: Group) => {
    const query = groupQuery(store.filter.value.query, field, g.value);
    if (query !== undefined) store.setFilter({ query, invert: false });
  };
  return (
    <section class="groups" role="region" aria-label="Groups">
      <header>
        <strong>Grouped by {field}</strong>
        <span class="note">
          {counted < total && `Counting… ${counted.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows; `}
          {groups.length} {groups.length === 1 ? 'value' : 'values'}, rate over {spanMs < 1000 ? 'at least 1 s' : `${(spanMs / 1000).toFixed(1)} s`} of frames shown; click a group to filter by it
        </span>
        <button type="button" class="close" aria-label="Close groups" title="Stop grouping" onClick={() => store.grouping.setField('')}>
          ✕
        </button>
      </header>
      <table aria-label={`Frames by ${field}`}>
        <thead>
          <tr>
            <th scope="col">{field}</th>
            <th scope="col">Frames</th>
            <th scope="col">Bytes</th>
            <th scope="col">Rate</th>
          </tr>
        </thead>
        <tbody>
          {groups.slice(0, GROUPS_SHOWN).map((g) => (
            <tr key={g.value}>
              <td>
                {groupQuery('', field, g.value) === undefined ? (
                  g.value
                ) : (
                  <button type="button" class="link" aria-label={`Filter by ${field}:${g.value}`} title={`Show only frames whose ${field} is “${g.value}”`} onClick={() => filterBy(g)}>
                    {g.value === '' ? '(empty)' : g.value}
                  </button>
                )}
              </td>
              <td>{g.frames.toLocaleString('en-US')}</td>
              <td>{formatBytes(g.bytes)}</td>
              <td>{rate(g, spanMs)}</td>
            </tr>
          ))}
          {without.frames > 0 && (
            <tr class="without">
              <td>(no {field})</td>
              <td>{without.frames.toLocaleString('en-US')}</td>
              <td>{formatBytes(without.bytes)}</td>
              <td>{rate(without, spanMs)}</td>
            </tr>
          )}
        </tbody>
      </table>
      {groups.length > GROUPS_SHOWN && <p class="note">{groups.length - GROUPS_SHOWN} smaller groups not listed.</p>}
    </section>
  );
}
