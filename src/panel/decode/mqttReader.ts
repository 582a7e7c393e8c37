// Panel decoder (pure logic): MQTT's wire primitives — the byte reader (integers, variable byte integers, strings,
// binary data), MQTT 5 properties and the fixed header's packet length. mqttPackets.ts and mqttStream.ts read with it.
import { decodeUtf8 } from './util';

type PropKind = 'byte' | 'u16' | 'u32' | 'varint' | 'string' | 'pair' | 'binary';
/** MQTT 5 property identifiers (section 2.2.2.2). */
const PROPS: Record<number, [string, PropKind]> = {
  0x01: ['payloadFormatIndicator', 'byte'], 0x02: ['messageExpiryInterval', 'u32'], 0x03: ['contentType', 'string'],
  0x08: ['responseTopic', 'string'], 0x09: ['correlationData', 'binary'], 0x0b: ['subscriptionIdentifier', 'varint'],
  0x11: ['sessionExpiryInterval', 'u32'], 0x12: ['assignedClientIdentifier', 'string'], 0x13: ['serverKeepAlive', 'u16'],
  0x15: ['authenticationMethod', 'string'], 0x16: ['authenticationData', 'binary'], 0x17: ['requestProblemInformation', 'byte'],
  0x18: ['willDelayInterval', 'u32'], 0x19: ['requestResponseInformation', 'byte'], 0x1a: ['responseInformation', 'string'],
  0x1c: ['serverReference', 'string'], 0x1f: ['reasonString', 'string'], 0x21: ['receiveMaximum', 'u16'],
  0x22: ['topicAliasMaximum', 'u16'], 0x23: ['topicAlias', 'u16'], 0x24: ['maximumQoS', 'byte'], 0x25: ['retainAvailable', 'byte'],
  0x26: ['userProperty', 'pair'], 0x27: ['maximumPacketSize', 'u32'], 0x28: ['wildcardSubscriptionAvailable', 'byte'],
  0x29: ['subscriptionIdentifierAvailable', 'byte'], 0x2a: ['sharedSubscriptionAvailable', 'byte'],
};

export class Reader {
  pos: number;
  constructor(private readonly b: Uint8Array, start: number, readonly limit: number) {
    this.pos = start;
  }
  get left(): number {
    return this.limit - this.pos;
  }
  private need(n: number): void {
    if (this.pos + n > this.limit) throw new Error('packet ends early');
  }
  u8(): number {
    this.need(1);
    return this.b[this.pos++];
  }
  u16(): number {
    return this.u8() * 256 + this.u8();
  }
  u32(): number {
    return this.u16() * 65536 + this.u16();
  }
  varint(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.u8();
      value += (byte & 0x7f) * 128 ** i;
      if (!(byte & 0x80)) return value;
    }
    throw new Error('variable byte integer longer than 4 bytes');
  }
  bytes(n = this.u16()): Uint8Array {
    this.need(n);
    return this.b.subarray(this.pos, (this.pos += n));
  }
  string(): string {
    const s = decodeUtf8(this.bytes());
    if (s === undefined) throw new Error('string is not UTF-8');
    return s;
  }
  rest(): Uint8Array {
    return this.bytes(this.left);
  }
}

/** MQTT 5 properties: a varint length, then identifier/value pairs. */
export function readProperties(r: Reader): Record<string, unknown> {
  const length = r.varint();
  const stop = r.pos + length;
  if (stop > r.limit) throw new Error('properties run past the packet');
  const props: Record<string, unknown> = {};
  while (r.pos < stop) {
    const id = r.varint();
    const spec = PROPS[id];
    if (!spec) throw new Error(`unknown property 0x${id.toString(16)}`);
    const [name, kind] = spec;
    const value = kind === 'byte' ? r.u8() : kind === 'u16' ? r.u16() : kind === 'u32' ? r.u32() : kind === 'varint' ? r.varint() : kind === 'string' ? r.string() : kind === 'binary' ? r.bytes() : [r.string(), r.string()];
    if (kind === 'pair' || name === 'subscriptionIdentifier') props[name] = [...((props[name] as unknown[] | undefined) ?? []), value];
    else props[name] = value;
  }
  return props;
}

/**
 * A fixed header's whole packet length from its first bytes: undefined while the remaining length is incomplete,
 * -1 when it is not a valid variable byte integer.
 */
export function packetLength(head: ArrayLike<number>, at = 0, stop = head.length): number | undefined {
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    if (at + i >= stop) return undefined;
    const byte = head[at + i];
    value += (byte & 0x7f) * 128 ** (i - 1);
    if (!(byte & 0x80)) return 1 + i + value;
  }
  return -1;
}
