// Panel decoder (pure logic): Rails ActionCable (`actioncable-v1-json`): welcome, ping, subscriptions, messages.
import type { Decoded, Decoder } from './types';
import { preview } from './preview';
import { end, failed, frameJson, isRecord, join, parseJson, request, str, terms } from './util';

/** The identifier is a JSON string inside the JSON; its `channel` names the subscription. */
function channelOf(identifier: string | undefined): { channel?: string; params?: Record<string, unknown> } {
  if (identifier === undefined) return {};
  const parsed = parseJson(identifier);
  if (!parsed.ok || !isRecord(parsed.value)) return { channel: identifier };
  const { channel, ...params } = parsed.value;
  return { channel: str(channel), params };
}

export const actionCableDecoder: Decoder = {
  id: 'actioncable',
  label: 'ActionCable',
  detect(hints, firstFrames) {
    if (/^actioncable-/.test(hints.protocol)) return { by: 'subprotocol', reason: `subprotocol ${hints.protocol}` };
    if (hints.protocols.some((p) => p.startsWith('actioncable-'))) return { by: 'subprotocol', reason: `requested subprotocol ${hints.protocols.find((p) => p.startsWith('actioncable-'))}` };
    const first = firstFrames.find((f) => f.dir === 'received');
    if (typeof first?.data === 'string' && /^\{\s*"type"\s*:\s*"welcome"/.test(first.data)) return { by: 'handshake', reason: 'handshake: ActionCable welcome' };
    return undefined;
  },
  decode(frame) {
    const parsed = frameJson(frame);
    if (!parsed.ok) return failed(parsed.error);
    const v = parsed.value;
    if (!isRecord(v)) return failed('not an ActionCable message (an object)');
    const identifier = str(v.identifier);
    const { channel, params } = channelOf(identifier);
    const fields: [string, string][] = [];
    const kind = str(v.command) ?? str(v.type) ?? (v.message !== undefined ? 'message' : undefined);
    if (!kind) return failed('not an ActionCable message (no command, type or message)');
    fields.push(['ActionCable', kind]);
    if (channel) fields.push(['channel', channel]);
    if (params && Object.keys(params).length) fields.push(['params', JSON.stringify(params)]);
    const key = identifier !== undefined && `cable:${identifier}`;
    const paramText = params && Object.keys(params).length ? preview(params, 40) : undefined;
    switch (kind) {
      case 'welcome':
      case 'ping':
        return { summary: kind, fields, heartbeat: true, terms: terms({ type: kind }) };
      case 'subscribe':
      case 'unsubscribe': {
        const out: Decoded = { summary: join(`${kind} ${channel ?? ''}`.trim(), paramText), fields, terms: terms({ type: kind, topic: channel }) };
        if (key) out.pairs = kind === 'subscribe' ? request(key) : end(key);
        return out;
      }
      case 'confirm_subscription':
      case 'reject_subscription': {
        const out: Decoded = { summary: join(`${kind} ${channel ?? ''}`.trim(), paramText), fields, terms: terms({ type: kind, topic: channel }) };
        if (key) out.pairs = end(key);
        return out;
      }
      case 'disconnect':
        return { summary: join('disconnect', str(v.reason), v.reconnect === true && 'reconnect'), fields: [...fields, ['reason', String(v.reason)]], terms: terms({ type: kind }) };
      default: {
        // A client `message` command carries its data as a JSON string with the channel action in it.
        const data = typeof v.data === 'string' ? parseJson(v.data) : undefined;
        const body = data?.ok ? data.value : v.message ?? v.data;
        const action = isRecord(body) ? str(body.action) : undefined;
        if (action) fields.push(['action', action]);
        const arrow = frame.dir === 'sent' ? '→' : '←';
        return { summary: join(`${channel ?? '?'} ${arrow} ${action ?? kind}`, preview(body, 70)), fields, payload: body, terms: terms({ type: kind, topic: channel, event: action }) };
      }
    }
  },
};
