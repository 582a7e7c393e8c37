// End to end in real firefox-esr: the inspection workflow in the WS panel (workflow.ts).
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { workflowScenarios } from './workflow';

describe('the inspection workflow in Firefox', () => {
  workflowScenarios(() => FirefoxDriver.launch());
});
