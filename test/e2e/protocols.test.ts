// End to end in real Chromium: real client libraries of each protocol against real or minimal servers, decoded in the
// real DevTools WS panel (protocols.ts).
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { protocolScenarios } from './protocols';

describe('protocols decoded in the WS panel in Chromium', () => {
  protocolScenarios(() => ChromiumDriver.launch());
});
