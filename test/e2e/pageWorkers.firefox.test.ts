// End to end in real firefox-esr: a page's workers run unchanged with the add-on (pageWorkers.ts).
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { pageWorkerScenarios } from './pageWorkers';

describe('a page’s workers in Firefox', () => {
  pageWorkerScenarios(() => FirefoxDriver.launch());
});
