// Panel decoder (pure logic): SignalR hub messages in one shape — the JSON protocol's objects and the MessagePack
// protocol's positional arrays, named alike so signalr.ts describes both the same way.
import { str } from './util';

export interface HubMessage {
  type: number;
  invocationId?: string;
  target?: string;
  arguments?: unknown[];
  streamIds?: unknown[];
  item?: unknown;
  result?: unknown;
  hasResult?: boolean;
  error?: string;
  allowReconnect?: boolean;
  sequenceId?: number;
  headers?: unknown;
}

/** The MessagePack protocol's positional arrays, named as the JSON protocol names them. */
export function fromArray(a: unknown[]): HubMessage {
  const [type, headers] = a;
  if (typeof type !== 'number') throw new Error('message type is not a number');
  const id = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  switch (type) {
    case 1:
    case 4:
      return { type, headers, invocationId: id(a[2]), target: str(a[3]), arguments: Array.isArray(a[4]) ? a[4] : [], streamIds: Array.isArray(a[5]) ? a[5] : undefined };
    case 2:
      return { type, headers, invocationId: id(a[2]), item: a[3] };
    case 3: {
      // Result kind: 1 error, 2 void, 3 a result.
      const kind = a[3];
      return { type, headers, invocationId: id(a[2]), error: kind === 1 ? String(a[4]) : undefined, result: kind === 3 ? a[4] : undefined, hasResult: kind === 3 };
    }
    case 5:
      return { type, headers, invocationId: id(a[2]) };
    case 6:
      return { type };
    case 7:
      return { type, error: str(a[1]), allowReconnect: a[2] === true };
    case 8:
    case 9:
      return { type, sequenceId: Number(a[1]) };
    default:
      return { type };
  }
}

export function fromJson(v: Record<string, unknown>): HubMessage {
  if (typeof v.type !== 'number') throw new Error('message has no numeric type');
  return {
    type: v.type,
    invocationId: str(v.invocationId),
    target: str(v.target),
    arguments: Array.isArray(v.arguments) ? v.arguments : undefined,
    streamIds: Array.isArray(v.streamIds) ? v.streamIds : undefined,
    item: v.item,
    result: v.result,
    hasResult: 'result' in v,
    error: str(v.error),
    allowReconnect: v.allowReconnect === true,
    sequenceId: typeof v.sequenceId === 'number' ? v.sequenceId : undefined,
    headers: v.headers,
  };
}
