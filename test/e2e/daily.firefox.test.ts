// End to end in real firefox-esr: the panel as a daily tool (daily.ts), in the real Firefox DevTools.
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { dailyScenarios } from './daily';

describe('the WS panel as a daily tool in Firefox', () => {
  dailyScenarios(() => FirefoxDriver.launch(), { escapeOpensSplitConsole: true });
});
