// End to end in real firefox-esr: the session tools (sessions.ts) in the real Firefox DevTools WS panel.
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { sessionScenarios } from './sessions';

describe('session tools in Firefox', () => {
  sessionScenarios(() => FirefoxDriver.launch());
});
