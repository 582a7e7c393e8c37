// Panel composer (pure logic): a Socket.IO emit as the Engine.IO text packet a socket.io client would send —
// `42["event",…args]`, with an ack id `42<id>[…]`, in a namespace `42/ns,<id>[…]` — with the next free ack id.
import type { FrameInput } from '../decode/types';
import { bool, str, textBuilt, textFrames, type Built, type Template } from './types';

export interface SocketIoEmit {
  event: string;
  /** The arguments as JSON values separated by commas, as in a call: `"hi", {"n": 1}`; empty for none. */
  args: string;
  /** '/' (or '') for the main namespace. */
  namespace: string;
  /** The ack id to ask for; undefined: no ack. */
  ackId?: number;
}

export function buildSocketIoEmit({ event, args, namespace, ackId }: SocketIoEmit): Built {
  if (!event) return { error: 'Give the event a name.' };
  let list: unknown[];
  try {
    list = args.trim() ? (JSON.parse(`[${args}]`) as unknown[]) : [];
  } catch (e) {
    return { error: `Arguments are not valid JSON (values separated by commas): ${(e as Error).message}` };
  }
  const nsp = namespace.trim() || '/';
  if (!nsp.startsWith('/') || nsp.includes(',')) return { error: 'A namespace starts with / and has no comma.' };
  if (ackId !== undefined && !(Number.isSafeInteger(ackId) && ackId >= 0)) return { error: 'An ack id is a whole number from 0.' };
  return textBuilt(`42${nsp !== '/' ? `${nsp},` : ''}${ackId ?? ''}${JSON.stringify([event, ...list])}`);
}

// EVENT/BINARY_EVENT (2, 5) the page sent, and ACK/BINARY_ACK (3, 6) it received, carry the ids the page's side numbers.
const SENT_PACKET = /^4([0-6])(?:\d+-)?(\/[^,]*,)?(\d*)/;

export interface SocketIoContext {
  /** The namespace of the page's latest packet ('/' when none or the main one). */
  namespace: string;
  /** The highest ack id the page's side used, per namespace. */
  highest: Record<string, number>;
}

export function socketIoContext(frames: readonly FrameInput[]): SocketIoContext {
  const ctx: SocketIoContext = { namespace: '/', highest: {} };
  for (const { dir, text } of textFrames(frames)) {
    const m = SENT_PACKET.exec(text);
    if (!m) continue;
    const type = Number(m[1]);
    const nsp = m[2] ? m[2].slice(0, -1) : '/';
    if (dir === 'sent' && type !== 1) ctx.namespace = nsp;
    const ours = dir === 'sent' ? type === 2 || type === 5 : type === 3 || type === 6;
    if (ours && m[3]) ctx.highest[nsp] = Math.max(ctx.highest[nsp] ?? -1, Number(m[3]));
  }
  return ctx;
}

/** One past the highest ack id used in the namespace (socket.io clients count from 0). */
export const nextAckId = (ctx: SocketIoContext, namespace: string): number => (ctx.highest[namespace.trim() || ctx.namespace] ?? -1) + 1;

export const socketIoTemplate: Template<SocketIoContext> = {
  id: 'socketio',
  label: 'Socket.IO emit',
  protocol: 'Socket.IO',
  decoders: ['socket.io', 'socket.io-v3'],
  fields: [
    { key: 'event', label: 'Event', kind: 'line', placeholder: 'chat' },
    { key: 'args', label: 'Arguments', kind: 'area', placeholder: '"hello", {"n": 1}', title: 'JSON values separated by commas, as in a call' },
    { key: 'namespace', label: 'Namespace', kind: 'line', title: 'Empty: the namespace the page used last' },
    { key: 'ack', label: 'With ack', kind: 'check', title: 'Ask for an acknowledgement, with the next free ack id' },
  ],
  defaults: { event: '', args: '', namespace: '', ack: false },
  context: ({ frames }) => socketIoContext(frames),
  build(v, ctx) {
    const namespace = str(v.namespace).trim() || ctx.namespace;
    return buildSocketIoEmit({ event: str(v.event), args: str(v.args), namespace, ackId: bool(v.ack) ? nextAckId(ctx, namespace) : undefined });
  },
  hints: (ctx) => ({ namespace: ctx.namespace }),
};
