// End to end in real Chromium: real client libraries (libraries.ts).
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { libraryScenarios } from './libraries';

describe('real client libraries in Chromium', () => {
  libraryScenarios(() => ChromiumDriver.launch());
});
