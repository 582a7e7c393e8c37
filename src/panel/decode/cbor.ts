// Panel decoder (pure logic): CBOR binary frames, read with cbor-x (decode only).
// cbor-x compiles record readers with `new Function` but checks once whether eval is allowed and falls back without it,
// so the extension's CSP only costs speed; its native add-on (cbor-extract) is optional and Node-only.
import { Decoder } from 'cbor-x';
import { formatDecoder, isContainer } from './formatDecoder';

// Records off: they are a cbor-x extension, and a stream from elsewhere should read as plain CBOR.
const decoder = new Decoder({ useRecords: false, mapsAsObjects: true });

/** Throws on anything but exactly one CBOR item. */
export const readCbor = (bytes: Uint8Array): unknown => decoder.decode(bytes);

export const cborDecoder = formatDecoder({
  id: 'cbor',
  label: 'CBOR',
  readBytes: readCbor,
  convincing: isContainer,
});
