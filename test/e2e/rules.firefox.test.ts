// End to end in real Firefox: interception rules (rules.ts) in the real DevTools WS panel.
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { rulesScenarios } from './rules';

describe('interception rules in Firefox', () => {
  rulesScenarios(() => FirefoxDriver.launch());
});
