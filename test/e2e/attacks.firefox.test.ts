// End to end in real firefox-esr: the same attacks on the inspector (see attacks.ts), read through the Firefox WS panel.
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { attackScenarios } from './attacks';

describe('attacks on the inspector, in Firefox', () => {
  attackScenarios(() => FirefoxDriver.launch());
});
