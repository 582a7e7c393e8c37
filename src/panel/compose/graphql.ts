// Panel composer (pure logic): a GraphQL subscribe over WebSocket — graphql-transport-ws `subscribe`, or the legacy
// subscriptions-transport-ws `start` — with an id no operation on the connection has used.
import type { FrameInput } from '../decode/types';
import { parseJsonField, str, textBuilt, textFrames, type Built, type Template } from './types';

export interface GraphqlSubscribe {
  query: string;
  /** A JSON object; empty for none. */
  variables: string;
  id: string;
  /** subscriptions-transport-ws (`start`) rather than graphql-transport-ws (`subscribe`). */
  legacy: boolean;
}

export function buildGraphqlSubscribe({ query, variables, id, legacy }: GraphqlSubscribe): Built {
  if (!query.trim()) return { error: 'Write the query (subscription { … }, or a query or mutation).' };
  const payload: Record<string, unknown> = { query };
  if (variables.trim()) {
    const parsed = parseJsonField(variables, 'Variables');
    if ('error' in parsed) return parsed;
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return { error: 'Variables are a JSON object.' };
    payload.variables = parsed.value;
  }
  return textBuilt(JSON.stringify({ id, type: legacy ? 'start' : 'subscribe', payload }));
}

export interface GraphqlContext {
  /** The ids operations used on the connection. */
  used: Set<string>;
  legacy: boolean;
}

export function graphqlContext(hints: { protocol: string }, frames: readonly FrameInput[]): GraphqlContext {
  const used = new Set<string>();
  let legacy = hints.protocol === 'graphql-ws';
  let modern = hints.protocol === 'graphql-transport-ws';
  for (const { text } of textFrames(frames)) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    const { id, type } = v as { id?: unknown; type?: unknown };
    if (typeof id === 'string' || typeof id === 'number') used.add(String(id));
    // Only the legacy protocol has start/data/stop and `ka`; only graphql-transport-ws subscribe/next and ping/pong.
    if (!modern && (type === 'start' || type === 'data' || type === 'stop' || type === 'ka')) legacy = true;
    if (!legacy && (type === 'subscribe' || type === 'next' || type === 'ping' || type === 'pong')) modern = true;
  }
  return { used, legacy: legacy && !modern };
}

/** One past the highest numeric id used ("1" when none), skipping any id taken. */
export function nextGraphqlId(used: ReadonlySet<string>): string {
  let n = 1;
  for (const id of used) if (/^\d{1,15}$/.test(id)) n = Math.max(n, Number(id) + 1);
  while (used.has(String(n))) n++;
  return String(n);
}

export const graphqlTemplate: Template<GraphqlContext> = {
  id: 'graphql',
  label: 'GraphQL subscribe',
  protocol: 'GraphQL over WebSocket',
  decoders: ['graphql-ws'],
  fields: [
    { key: 'query', label: 'Query', kind: 'area', placeholder: 'subscription { messages { text } }' },
    { key: 'variables', label: 'Variables', kind: 'area', placeholder: '{"room": "general"}', title: 'A JSON object; empty for none' },
  ],
  defaults: { query: '', variables: '' },
  context: ({ hints, frames }) => graphqlContext(hints, frames),
  build: (v, ctx) => buildGraphqlSubscribe({ query: str(v.query), variables: str(v.variables), id: nextGraphqlId(ctx.used), legacy: ctx.legacy }),
};
