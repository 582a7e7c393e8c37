// End to end in real firefox-esr: real client libraries (libraries.ts).
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { libraryScenarios } from './libraries';

describe('real client libraries in Firefox', () => {
  libraryScenarios(() => FirefoxDriver.launch());
});
