// Panel decoder (pure logic): JSON-RPC 2.0 requests, notifications, results and errors, batches included.
import type { Decoded, Decoder, Direction, FrameInput } from './types';
import { preview } from './preview';
import { fieldCondition } from './ruleConditions';
import { combine, end, failed, frameJson, idKey, isRecord, join, other, request, terms, textOf } from './util';

function describe(v: unknown, dir: Direction): Decoded {
  if (!isRecord(v) || v.jsonrpc !== '2.0') return failed('not a JSON-RPC 2.0 message');
  const id = idKey(v.id);
  const fields: [string, string][] = [];
  if (id !== undefined) fields.push(['id', id]);
  if (typeof v.method === 'string') {
    const type = id === undefined ? 'notification' : 'request';
    fields.unshift(['JSON-RPC', type], ['method', v.method]);
    const out: Decoded = { summary: join(`${v.method}(${v.params === undefined ? '' : preview(v.params, 60).replace(/^[[{]|[\]}]$/g, '')})`, id !== undefined ? `id ${id}` : 'notification'), fields, terms: terms({ type, method: v.method }) };
    if (v.params !== undefined) out.payload = v.params;
    // Either side may ask, and each numbers its own ids: a key names the side that asked.
    if (id !== undefined) out.pairs = request(`jsonrpc:${dir}:${id}`);
    return out;
  }
  const isError = isRecord(v.error);
  const type = isError ? 'error' : 'result';
  fields.unshift(['JSON-RPC', type]);
  const err = isRecord(v.error) ? v.error : undefined;
  if (err) fields.push(['code', String(err.code)], ['message', String(err.message)]);
  const out: Decoded = {
    summary: join(err ? `error ${String(err.code)} ${String(err.message)}` : 'result', id !== undefined && `id ${id}`, !err && preview(v.result, 70)),
    fields,
    payload: err ? err.data : v.result,
    terms: terms({ type }),
  };
  if (id !== undefined) out.pairs = end(`jsonrpc:${other(dir)}:${id}`);
  return out;
}

export const jsonRpcDecoder: Decoder = {
  id: 'jsonrpc',
  label: 'JSON-RPC 2.0',
  ruleConditions: (key, pattern) => (key === 'method' ? [fieldCondition('$.method', pattern)] : undefined),
  detect(_hints, firstFrames) {
    const hit = firstFrames.slice(0, 5).some((f) => /"jsonrpc"\s*:\s*"2\.0"/.test(textOf(f)?.slice(0, 4096) ?? ''));
    return hit ? { by: 'content', reason: 'content: "jsonrpc":"2.0"' } : undefined;
  },
  decode(frame: FrameInput) {
    const parsed = frameJson(frame);
    if (!parsed.ok) return failed(parsed.error);
    if (!Array.isArray(parsed.value)) return describe(parsed.value, frame.dir);
    if (!parsed.value.length) return failed('empty batch');
    const parts = parsed.value.map((m) => describe(m, frame.dir));
    return combine(parts, [['JSON-RPC', `batch of ${parts.length}`]], `batch of ${parts.length}`);
  },
};
