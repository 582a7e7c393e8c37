// Panel UI: a lazy, collapsible JSON tree — children render only when expanded, at most CHILD_PAGE at a time, so a
// 10,000-deep or very wide document stays responsive.
import { useState } from 'preact/hooks';
import { jsonChildren, jsonKind, jsonSummary } from '../json';

const CHILD_PAGE = 100;

function JsonNode({ name, value, depth }: { name: string | undefined; value: unknown; depth: number }) {
  const kind = jsonKind(value);
  const container = kind === 'object' || kind === 'array';
  const [open, setOpen] = useState(depth === 0);
  const [limit, setLimit] = useState(CHILD_PAGE);
  const label = name === undefined ? null : <span class="json-key">{name}: </span>;
  if (!container)
    return (
      <li role="treeitem" class="json-leaf">
        {label}
        <span class={`json-${kind}`}>{kind === 'string' ? JSON.stringify(value) : String(value)}</span>
      </li>
    );
  const { entries, total } = open ? jsonChildren(value, limit) : { entries: [], total: 0 };
  return (
    <li role="treeitem" aria-expanded={open}>
      <button type="button" class="json-toggle" onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {label}
        <span class="json-summary">{jsonSummary(value)}</span>
      </button>
      {open && (
        <ul role="group">
          {entries.map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} />
          ))}
          {total > entries.length && (
            <li>
              <button type="button" class="more" onClick={() => setLimit(limit + CHILD_PAGE * 10)}>
                Show more ({total - entries.length} more)
              </button>
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

export function JsonTree({ value }: { value: unknown }) {
  return (
    <ul class="json-tree" role="tree" aria-label="JSON">
      <JsonNode name={undefined} value={value} depth={0} />
    </ul>
  );
}
