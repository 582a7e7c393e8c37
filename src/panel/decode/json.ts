// Panel decoder (pure logic): plain JSON frames, text or UTF-8 binary, with filter terms from their top-level keys.
import { formatDecoder, isContainer } from './formatDecoder';
import type { Decoder } from './types';
import { fieldCondition } from './ruleConditions';
import { textOf } from './util';

export const jsonDecoder: Decoder = {
  ...formatDecoder({
    id: 'json',
    label: 'JSON',
    readFrame: (f) => {
      const text = textOf(f);
      if (text === undefined) throw new Error('binary frame is not UTF-8 text');
      return JSON.parse(text);
    },
    convincing: isContainer,
  }),
  // Every decoded key is a top-level field of the same name.
  ruleConditions: (key, pattern) => [fieldCondition(`$.${key}`, pattern)],
};
