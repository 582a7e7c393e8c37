// End to end in real Chromium: interception rules (rules.ts) in the real DevTools WS panel.
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { rulesScenarios } from './rules';

describe('interception rules in Chromium', () => {
  rulesScenarios(() => ChromiumDriver.launch());
});
