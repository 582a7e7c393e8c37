// End to end in real Chromium: a page's workers run unchanged with the extension (pageWorkers.ts).
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { pageWorkerScenarios } from './pageWorkers';

describe('a page’s workers in Chromium', () => {
  pageWorkerScenarios(() => ChromiumDriver.launch());
});
