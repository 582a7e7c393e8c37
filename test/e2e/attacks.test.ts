// End to end in real Chromium: a hostile page attacks the inspector itself (see attacks.ts) and the WS panel stays unfooled.
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { attackScenarios } from './attacks';

describe('attacks on the inspector, in Chromium', () => {
  attackScenarios(() => ChromiumDriver.launch());
});
