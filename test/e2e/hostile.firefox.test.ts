// End to end in real firefox-esr: hostile and locked-down pages (hostile.ts).
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { hostileScenarios } from './hostile';

describe('hostile pages in Firefox', () => {
  hostileScenarios(() => FirefoxDriver.launch());
});
