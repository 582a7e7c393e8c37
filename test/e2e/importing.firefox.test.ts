// End to end in real firefox-esr: importing a HAR beside the live session, and the timeline's time range (importing.ts).
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { importScenarios } from './importing';

describe('an imported session and the timeline in Firefox', () => {
  importScenarios(() => FirefoxDriver.launch());
});
