// End to end in real Chromium: snippets (snippets.ts) in the real DevTools WS panel.
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { snippetScenarios } from './snippets';

describe('snippets in Chromium', () => {
  snippetScenarios(() => ChromiumDriver.launch());
});
