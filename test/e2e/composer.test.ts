// End to end in real Chromium: the composer (composer.ts) in the real DevTools WS panel.
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { composerScenarios } from './composer';

describe('the composer in Chromium', () => {
  composerScenarios(() => ChromiumDriver.launch());
});
