// End to end in real Chromium: where frames are sent from (initiator.ts); links open DevTools' Sources panel.
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { initiatorScenarios } from './initiator';

describe('send stacks in Chromium', () => {
  initiatorScenarios(() => ChromiumDriver.launch(), 'sources');
});
