// End to end in real Chromium: the session tools (sessions.ts) in the real DevTools WS panel.
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { sessionScenarios } from './sessions';

describe('session tools in Chromium', () => {
  sessionScenarios(() => ChromiumDriver.launch());
});
