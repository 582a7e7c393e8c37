// End to end in real firefox-esr: replay and connection actions (replay.ts) in the real Firefox DevTools WS panel.
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { replayScenarios } from './replay';

describe('replay and connection actions in Firefox', () => {
  replayScenarios(() => FirefoxDriver.launch());
});
