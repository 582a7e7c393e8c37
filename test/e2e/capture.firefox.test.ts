// End to end in real firefox-esr: dist/firefox as a temporary add-on, read through the real Firefox DevTools WS panel.
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { captureScenarios } from './scenarios';

describe('capture in Firefox', () => {
  captureScenarios(() => FirefoxDriver.launch());
});
