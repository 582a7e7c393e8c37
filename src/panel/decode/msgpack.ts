// Panel decoder (pure logic): MessagePack binary frames, read with @msgpack/msgpack.
import { decode } from '@msgpack/msgpack';
import { formatDecoder, isContainer } from './formatDecoder';

/** Throws on anything but exactly one MessagePack value (trailing bytes included). */
export const readMsgpack = (bytes: Uint8Array): unknown => decode(bytes);

export const msgpackDecoder = formatDecoder({
  id: 'msgpack',
  label: 'MessagePack',
  readBytes: readMsgpack,
  convincing: isContainer,
});
