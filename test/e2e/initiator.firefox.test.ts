// End to end in real firefox-esr: where frames are sent from (initiator.ts); Firefox has no API to open a source line.
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { initiatorScenarios } from './initiator';

describe('send stacks in Firefox', () => {
  initiatorScenarios(() => FirefoxDriver.launch(), undefined);
});
