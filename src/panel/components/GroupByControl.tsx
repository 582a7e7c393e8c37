// Panel UI (DevTools panel toolbar): the Group by choice — a decoded field from the list, or any JSON field path the
// user types (`action`, `payload.kind`, `$.channel`), checked before it is used and kept as the filter writes it.
import { useState } from 'preact/hooks';
import { GROUP_FIELDS, isJsonField, type GroupField } from '../groupBy';
import { formatFieldPath, readFieldPath } from '../jsonField';
import type { Store } from '../store';

/** The select's value for "a JSON field", whose path is typed beside it. */
const JSON_CHOICE = '$';

export function GroupByControl({ store }: { store: Store }) {
  const field = store.grouping.field.value;
  const [typing, setTyping] = useState(false);
  // Shown again (another session's tab and back), the box holds the path grouped by.
  const [path, setPath] = useState(isJsonField(field) ? field : '');
  const [error, setError] = useState('');
  const json = typing || isJsonField(field);
  const choose = (value: string) => {
    setError('');
    if (value === JSON_CHOICE) {
      setTyping(true);
      return;
    }
    setTyping(false);
    store.grouping.setField(value as GroupField | '');
  };
  const apply = (e: Event) => {
    e.preventDefault();
    const read = readFieldPath(path);
    if ('error' in read) return setError(read.error);
    setError('');
    setTyping(false);
    const formatted = formatFieldPath(read.path) as GroupField;
    setPath(formatted);
    store.grouping.setField(formatted);
  };
  return (
    <>
      <select aria-label="Group by" title="Group the frames shown by a decoded field or a JSON field" value={json ? JSON_CHOICE : field} onChange={(e) => choose(e.currentTarget.value)}>
        <option value="">No grouping</option>
        {GROUP_FIELDS.map((f) => (
          <option key={f} value={f}>
            Group by {f}
          </option>
        ))}
        <option value={JSON_CHOICE}>Group by a JSON field…</option>
      </select>
      {json && (
        <form class="group-field" aria-label="Group by a JSON field" onSubmit={apply}>
          <input
            type="text"
            aria-label="JSON field to group by"
            placeholder="payload.kind or $.channel"
            title="A field of the frames' JSON: a name, a dotted path, or a $ path like $.items[0].id"
            value={path}
            aria-invalid={error ? 'true' : undefined}
            onInput={(e) => setPath(e.currentTarget.value)}
          />
          <button type="submit">Group</button>
          {error && (
            <span role="alert" class="filter-error">
              {error}
            </span>
          )}
        </form>
      )}
    </>
  );
}
