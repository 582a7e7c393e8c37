// End to end in real firefox-esr: real client libraries of each protocol against real or minimal servers, decoded in
// the real Firefox DevTools WS panel (protocols.ts).
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { protocolScenarios } from './protocols';

describe('protocols decoded in the WS panel in Firefox', () => {
  protocolScenarios(() => FirefoxDriver.launch());
});
