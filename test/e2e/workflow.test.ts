// End to end in real Chromium: the inspection workflow in the WS panel (workflow.ts).
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { workflowScenarios } from './workflow';

describe('the inspection workflow in Chromium', () => {
  workflowScenarios(() => ChromiumDriver.launch());
});
