// Panel decoder (pure logic): schema-less protobuf — field numbers and wire types read with @bufbuild/protobuf's
// BinaryReader, each length-delimited field guessed as a string, a nested message, packed numbers or bytes.
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { formatDecoder } from './formatDecoder';
import { setOwn } from './plainValues';
import { decodeUtf8 } from './util';

const MAX_DEPTH = 16;
const printable = (s: string): boolean => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(s);

const int64 = (v: bigint | string): number | string => {
  const b = BigInt(v);
  return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b.toString();
};

/** A fixed-width field is shown as a float when that reading looks like one a program wrote, else as an integer. */
const floatish = (f: number): boolean => Number.isFinite(f) && (f === 0 || (Math.abs(f) > 1e-9 && Math.abs(f) < 1e15));

function packedVarints(bytes: Uint8Array): number[] | undefined {
  const r = new BinaryReader(bytes);
  const out: number[] = [];
  try {
    while (r.pos < r.len) {
      const v = int64(r.uint64());
      if (typeof v === 'string') return undefined;
      out.push(v);
    }
  } catch {
    return undefined;
  }
  return out.length ? out : undefined;
}

function guessBytes(bytes: Uint8Array, depth: number): unknown {
  if (!bytes.length) return '';
  const text = decodeUtf8(bytes);
  if (text !== undefined && printable(text)) return text;
  if (depth < MAX_DEPTH) {
    const nested = readProtobuf(bytes, depth + 1);
    if (nested) return nested;
  }
  return packedVarints(bytes) ?? bytes;
}

/**
 * The message as `{ "<field number>": value }` (repeated fields as arrays), or undefined when the bytes are not a
 * well-formed message: every tag legal, groups absent, lengths inside the buffer, nothing left over.
 */
export function readProtobuf(bytes: Uint8Array, depth = 0): Record<string, unknown> | undefined {
  const r = new BinaryReader(bytes);
  const out: Record<string, unknown> = {};
  // Repeated fields collect in arrays; this tells them from a single field whose value is an array (packed numbers).
  const repeated = new WeakSet<unknown[]>();
  try {
    while (r.pos < r.len) {
      const [no, wire] = r.tag();
      let value: unknown;
      switch (wire) {
        case WireType.Varint:
          value = int64(r.uint64());
          break;
        case WireType.Bit64: {
          const at = r.pos;
          const d = r.double();
          r.pos = at;
          const n = int64(r.fixed64());
          value = floatish(d) && !(typeof n === 'number' && n < 2 ** 32) ? d : n;
          break;
        }
        case WireType.Bit32: {
          const at = r.pos;
          const f = r.float();
          r.pos = at;
          const n = r.fixed32();
          value = floatish(f) && n >= 2 ** 16 ? Math.fround(f) : n;
          break;
        }
        case WireType.LengthDelimited:
          value = guessBytes(r.bytes(), depth);
          break;
        default:
          return undefined;
      }
      const key = String(no);
      const had = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined;
      if (had === undefined) setOwn(out, key, value);
      else if (Array.isArray(had) && repeated.has(had)) had.push(value);
      else {
        const list = [had, value];
        repeated.add(list);
        setOwn(out, key, list);
      }
    }
  } catch {
    return undefined;
  }
  if (r.pos !== r.len || !Object.keys(out).length) return undefined;
  return out;
}

export const protobufDecoder = formatDecoder({
  id: 'protobuf',
  label: 'protobuf (no schema)',
  readBytes: (bytes) => {
    const m = readProtobuf(bytes);
    if (!m) throw new Error('not a well-formed message');
    return m;
  },
  convincing: () => true,
});
