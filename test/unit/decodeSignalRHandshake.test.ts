// SignalR MessagePack: an ASP.NET Core server answers the handshake with `{}` + 0x1E, which may come as a binary frame,
// alone or followed by MessagePack records; it is read as the JSON handshake, not as a 123-byte (0x7B) record.
import { MessageType } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { describe, expect, it } from 'vitest';
import { connectionContext, decodeFrame } from '../../src/panel/decode/registry';
import type { FrameInput } from '../../src/panel/decode/types';

const mp = new MessagePackHubProtocol();
const bytes = (s: string) => new TextEncoder().encode(s);
const record = (m: object) => new Uint8Array(mp.writeMessage(m as never));
const dec = (f: FrameInput) => decodeFrame('signalr', f, connectionContext({ url: 'ws://h/hub?id=x', protocol: '', protocols: [] }));

describe('SignalR MessagePack handshake reply', () => {
  it('reads `{}` + 0x1E in a binary frame as the handshake reply', () => {
    expect(dec({ dir: 'received', data: bytes('{}\u001e') })).toMatchObject({ summary: 'handshake ok', pairs: [{ key: 'signalr:handshake', role: 'end' }], terms: { type: ['handshake'] } });
    expect(dec({ dir: 'received', data: bytes('{}\u001e') }).error).toBeUndefined();
    expect(dec({ dir: 'received', data: bytes('{"error":"nope"}\u001e') }).summary).toBe('handshake error "nope"');
    expect(dec({ dir: 'sent', data: bytes('{"protocol":"messagepack","version":1}\u001e') }).summary).toBe('handshake messagepack v1');
    // As text it was read already.
    expect(dec({ dir: 'received', data: '{}\u001e' }).summary).toBe('handshake ok');
  });

  it('reads MessagePack records after the handshake reply in the same frame', () => {
    const ping = record({ type: MessageType.Ping });
    const inv = record({ type: MessageType.Invocation, target: 'news', arguments: ['flash'], headers: {} });
    const d = dec({ dir: 'received', data: new Uint8Array([...bytes('{}\u001e'), ...ping, ...inv]) });
    expect(d.summary).toBe('3 messages: handshake ok; ping; invoke news("flash")');
    expect(d.error).toBeUndefined();
    expect(d.terms).toEqual({ type: ['handshake', 'ping', 'invocation'], method: ['news'] });
  });

  it('still reads a 123-byte record, whose length prefix is 0x7B', () => {
    const inv = record({ type: MessageType.Invocation, target: 'Send', arguments: ['x'.repeat(123 - 12)], headers: {} });
    expect(inv[0]).toBe(0x7b);
    expect(dec({ dir: 'received', data: inv })).toMatchObject({ summary: expect.stringMatching(/^invoke Send\("x+/) });
  });
});
