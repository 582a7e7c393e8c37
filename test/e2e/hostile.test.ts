// End to end in real Chromium: hostile and locked-down pages (hostile.ts).
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { hostileScenarios } from './hostile';

describe('hostile pages in Chromium', () => {
  hostileScenarios(() => ChromiumDriver.launch());
});
