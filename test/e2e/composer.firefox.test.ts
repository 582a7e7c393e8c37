// End to end in real firefox-esr: the composer (composer.ts) in the real Firefox DevTools WS panel.
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { composerScenarios } from './composer';

describe('the composer in Firefox', () => {
  composerScenarios(() => FirefoxDriver.launch());
});
