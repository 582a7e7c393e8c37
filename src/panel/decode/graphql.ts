// Panel decoder (pure logic): GraphQL over WebSocket — graphql-transport-ws (graphql-ws) and the legacy
// subscriptions-transport-ws protocol (subprotocol `graphql-ws`), told apart by their message types.
import type { Decoded, Decoder } from './types';
import { preview } from './preview';
import { fieldCondition } from './ruleConditions';
import { end, failed, frameJson, isRecord, join, reply, request, str, terms, textOf } from './util';

const HEARTBEATS = new Set(['ping', 'pong', 'ka', 'connection_keep_alive']);
const STARTS = new Set(['subscribe', 'start']);
const ITEMS = new Set(['next', 'data']);
// `stop` is the legacy client's way to end a subscription, `complete` either side's.
const ENDS = new Set(['complete', 'error', 'stop']);

/** `subscription OnMessage` from the operation name or the query's first words (`{ hello }` is a query). */
function operationOf(payload: unknown): { kind: string; name?: string } {
  if (!isRecord(payload)) return { kind: '?' };
  const query = str(payload.query) ?? '';
  const head = /^\s*(?:#[^\n]*\n\s*)*(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/.exec(query);
  return { kind: head?.[1] ?? (query.trim().startsWith('{') ? 'query' : '?'), name: str(payload.operationName) ?? head?.[2] };
}

export const graphqlDecoder: Decoder = {
  id: 'graphql-ws',
  label: 'GraphQL over WebSocket',
  ruleConditions: (key, pattern) => (key === 'type' ? [fieldCondition('$.type', pattern)] : undefined),
  detect(hints, firstFrames) {
    if (hints.protocol === 'graphql-transport-ws') return { by: 'subprotocol', reason: 'subprotocol graphql-transport-ws' };
    if (hints.protocol === 'graphql-ws') return { by: 'subprotocol', reason: 'subprotocol graphql-ws (subscriptions-transport-ws)' };
    const first = firstFrames.find((f) => f.dir === 'sent');
    const text = first && textOf(first);
    if (text !== undefined && /^\{\s*"type"\s*:\s*"connection_init"/.test(text)) return { by: 'handshake', reason: 'handshake: connection_init' };
    return undefined;
  },
  decode(frame) {
    const parsed = frameJson(frame);
    if (!parsed.ok) return failed(parsed.error);
    const v = parsed.value;
    if (!isRecord(v) || typeof v.type !== 'string') return failed('not a GraphQL over WebSocket message ({type, id?, payload?})');
    const type = v.type;
    const id = typeof v.id === 'string' || typeof v.id === 'number' ? String(v.id) : undefined;
    const fields: [string, string][] = [['GraphQL', type]];
    if (id !== undefined) fields.push(['id', id]);
    const out: Decoded = { summary: '', fields, terms: terms({ type }) };
    if (v.payload !== undefined) out.payload = v.payload;
    let detail: string | undefined;
    if (STARTS.has(type)) {
      const op = operationOf(v.payload);
      fields.push(['operation', op.kind], ...(op.name ? [['operationName', op.name] as [string, string]] : []));
      detail = [op.kind, op.name].filter(Boolean).join(' ');
      out.terms = terms({ type, op: op.name ?? op.kind });
    } else if (type === 'error' || type === 'connection_error') {
      const errors = Array.isArray(v.payload) ? v.payload : [v.payload];
      detail = errors.map((e) => (isRecord(e) && typeof e.message === 'string' ? e.message : preview(e, 40))).join('; ');
    } else if (v.payload !== undefined && !(isRecord(v.payload) && !Object.keys(v.payload).length)) detail = preview(v.payload, 70);
    out.summary = join(type, id !== undefined && `id ${id}`, detail);
    if (HEARTBEATS.has(type)) out.heartbeat = true;
    if (id !== undefined) {
      const key = `gql:${id}`;
      if (STARTS.has(type)) out.pairs = request(key);
      else if (ITEMS.has(type)) out.pairs = reply(key);
      else if (ENDS.has(type)) out.pairs = end(key);
    }
    if (type === 'connection_init') out.pairs = request('gql:connection');
    if (type === 'connection_ack' || type === 'connection_error') out.pairs = end('gql:connection');
    return out;
  },
};
