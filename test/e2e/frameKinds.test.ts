// End to end in real Chromium: every kind of document a page can open a WebSocket in (frameKinds.ts).
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { frameKindScenarios } from './frameKinds';

describe('every kind of frame in Chromium', () => {
  frameKindScenarios(() => ChromiumDriver.launch());
});
