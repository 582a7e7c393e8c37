// No import circles in src/: each module's relative imports (type-only ones too: they tie modules together as much)
// form a graph without cycles.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative imports and re-exports of a module, resolved to the source files they name (styles and assets left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]+)['"]/gm), ...text.matchAll(/^\s*import\s*['"](\.[^'"]+)['"]/gm)];
  return specs.flatMap(([, spec]) => {
    const base = resolve(dirname(file), spec);
    const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((p) => /\.tsx?$/.test(p) && existsSync(p));
    return found ? [found] : [];
  });
}

/** The first cycle found, as the path of modules around it, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('imports', () => {
  it('finds a cycle when there is one', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toBeUndefined();
  });

  it('reads the imports of src/ (multi-line and type-only ones too)', () => {
    const graph = new Map(sources(SRC).map((f) => [relative(SRC, f), importsOf(f).map((t) => relative(SRC, t))]));
    expect(graph.get('panel/store.ts')).toEqual(expect.arrayContaining(['panel/ingest.ts', 'panel/settings.ts']));
    expect(graph.get('panel/components/Toolbar.tsx')).toEqual(expect.arrayContaining(['panel/contracts.ts']));
    expect(graph.get('panel/transport.ts')).toEqual(expect.arrayContaining(['shared/protocol.ts']));
  });

  it('has no import circle in src/', () => {
    const graph = new Map(sources(SRC).map((f) => [relative(SRC, f), importsOf(f).map((t) => relative(SRC, t))]));
    expect(findCycle(graph)).toBeUndefined();
  });
});
