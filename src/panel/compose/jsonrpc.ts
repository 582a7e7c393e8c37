// Panel composer (pure logic): a JSON-RPC 2.0 call — method, params, and the next free id (one past the highest
// numeric id seen on the connection).
import type { FrameInput } from '../decode/types';
import { parseJsonField, str, textBuilt, textFrames, type Built, type Template } from './types';

export interface JsonRpcCall {
  method: string;
  /** A JSON array or object; empty for none. */
  params: string;
  id: number;
}

export function buildJsonRpcCall({ method, params, id }: JsonRpcCall): Built {
  if (!method.trim()) return { error: 'Give the method a name.' };
  const message: Record<string, unknown> = { jsonrpc: '2.0', method: method.trim() };
  if (params.trim()) {
    const parsed = parseJsonField(params, 'Params');
    if ('error' in parsed) return parsed;
    if (typeof parsed.value !== 'object' || parsed.value === null) return { error: 'Params are a JSON array or object (JSON-RPC 2.0).' };
    message.params = parsed.value;
  }
  message.id = id;
  return textBuilt(JSON.stringify(message));
}

/** The highest numeric id of any JSON-RPC message on the connection, requests and answers, either way. */
export function highestJsonRpcId(frames: readonly FrameInput[]): number | undefined {
  let highest: number | undefined;
  const see = (m: unknown) => {
    if (typeof m !== 'object' || m === null) return;
    const id = (m as { id?: unknown }).id;
    if (typeof id === 'number' && Number.isSafeInteger(id) && (highest === undefined || id > highest)) highest = id;
  };
  for (const { text } of textFrames(frames)) {
    if (!text.includes('"jsonrpc"')) continue;
    try {
      const v: unknown = JSON.parse(text);
      if (Array.isArray(v)) v.forEach(see);
      else see(v);
    } catch {
      /* not JSON: not a JSON-RPC message */
    }
  }
  return highest;
}

export const jsonRpcTemplate: Template<{ nextId: number }> = {
  id: 'jsonrpc',
  label: 'JSON-RPC call',
  protocol: 'JSON-RPC',
  decoders: ['jsonrpc'],
  fields: [
    { key: 'method', label: 'Method', kind: 'line', placeholder: 'subtract' },
    { key: 'params', label: 'Params', kind: 'area', placeholder: '[42, 23] or {"a": 1}', title: 'A JSON array or object; empty for none' },
  ],
  defaults: { method: '', params: '' },
  context: ({ frames }) => ({ nextId: (highestJsonRpcId(frames) ?? 0) + 1 }),
  build: (v, ctx) => buildJsonRpcCall({ method: str(v.method), params: str(v.params), id: ctx.nextId }),
};
