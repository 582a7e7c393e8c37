// End to end in real Chromium: the panel as a daily tool (daily.ts), in the real DevTools.
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { dailyScenarios } from './daily';

describe('the WS panel as a daily tool in Chromium', () => {
  dailyScenarios(() => ChromiumDriver.launch());
});
