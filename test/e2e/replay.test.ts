// End to end in real Chromium: replay and connection actions (replay.ts) in the real DevTools WS panel.
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { replayScenarios } from './replay';

describe('replay and connection actions in Chromium', () => {
  replayScenarios(() => ChromiumDriver.launch());
});
