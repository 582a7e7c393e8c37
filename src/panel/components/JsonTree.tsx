// Panel UI: a lazy, collapsible JSON tree — children render only when expanded, at most CHILD_PAGE at a time, so a
// 10,000-deep or very wide document stays responsive. Expand all / Collapse all, and copy any node's value or path.
import { useState } from 'preact/hooks';
import { EXPAND_ALL_DEPTH, jsonChildren, jsonKind, jsonPath, jsonSummary } from '../json';

const CHILD_PAGE = 100;

type Copy = (text: string, what?: string) => void;
/** A bulk open/close: every node applies it when `generation` changes (a fresh command), then the user takes over. */
interface Bulk {
  open: boolean;
  generation: number;
}

function NodeActions({ value, path, onCopy }: { value: unknown; path: string; onCopy: Copy }) {
  return (
    <span class="json-actions">
      <button type="button" aria-label={`Copy value of ${path}`} title="Copy value" onClick={() => onCopy(JSON.stringify(value, null, 2), 'Copied value')}>
        ⧉
      </button>
      <button type="button" aria-label={`Copy path ${path}`} title="Copy path" onClick={() => onCopy(path, 'Copied path')}>
        $
      </button>
    </span>
  );
}

interface NodeProps {
  name: string | undefined;
  value: unknown;
  depth: number;
  path: string;
  bulk: Bulk;
  onCopy: Copy;
}

function JsonNode({ name, value, depth, path, bulk, onCopy }: NodeProps) {
  const kind = jsonKind(value);
  const container = kind === 'object' || kind === 'array';
  const initially = () => (bulk.generation ? bulk.open && depth < EXPAND_ALL_DEPTH : depth === 0);
  const [state, setState] = useState({ open: initially(), generation: bulk.generation });
  const open = state.generation === bulk.generation ? state.open : initially();
  const setOpen = (o: boolean) => setState({ open: o, generation: bulk.generation });
  const [limit, setLimit] = useState(CHILD_PAGE);
  const label = name === undefined ? null : <span class="json-key">{name}: </span>;
  if (!container)
    return (
      <li role="treeitem" class="json-leaf">
        {label}
        <span class={`json-${kind}`}>{kind === 'string' ? JSON.stringify(value) : String(value)}</span>
        <NodeActions value={value} path={path} onCopy={onCopy} />
      </li>
    );
  const { entries, total } = open ? jsonChildren(value, limit) : { entries: [], total: 0 };
  return (
    <li role="treeitem" aria-expanded={open}>
      <button type="button" class="json-toggle" onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {label}
        <span class="json-summary">{jsonSummary(value)}</span>
      </button>
      <NodeActions value={value} path={path} onCopy={onCopy} />
      {open && (
        <ul role="group">
          {entries.map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} path={jsonPath(path, k, kind === 'array')} bulk={bulk} onCopy={onCopy} />
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

export function JsonTree({ value, onCopy }: { value: unknown; onCopy: Copy }) {
  const [bulk, setBulk] = useState<Bulk>({ open: false, generation: 0 });
  return (
    <>
      <div class="tree-actions">
        <button type="button" onClick={() => setBulk({ open: true, generation: bulk.generation + 1 })}>
          Expand all
        </button>
        <button type="button" onClick={() => setBulk({ open: false, generation: bulk.generation + 1 })}>
          Collapse all
        </button>
      </div>
      <ul class="json-tree" role="tree" aria-label="JSON">
        <JsonNode name={undefined} value={value} depth={0} path="$" bulk={bulk} onCopy={onCopy} />
      </ul>
    </>
  );
}
