// End to end in real Chromium: importing a HAR beside the live session, and the timeline's time range (importing.ts).
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { importScenarios } from './importing';

describe('an imported session and the timeline in Chromium', () => {
  importScenarios(() => ChromiumDriver.launch());
});
