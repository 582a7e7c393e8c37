// End to end in real firefox-esr: snippets (snippets.ts) in the real Firefox DevTools WS panel.
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { snippetScenarios } from './snippets';

describe('snippets in Firefox', () => {
  snippetScenarios(() => FirefoxDriver.launch());
});
