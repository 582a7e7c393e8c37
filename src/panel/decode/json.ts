// Panel decoder (pure logic): plain JSON frames, text or UTF-8 binary, with filter terms from their top-level keys.
import { formatDecoder, isContainer } from './formatDecoder';
import { textOf } from './util';

export const jsonDecoder = formatDecoder({
  id: 'json',
  label: 'JSON',
  readFrame: (f) => {
    const text = textOf(f);
    if (text === undefined) throw new Error('binary frame is not UTF-8 text');
    return JSON.parse(text);
  },
  convincing: isContainer,
});
