// End to end in real firefox-esr: every kind of document a page can open a WebSocket in (frameKinds.ts).
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { frameKindScenarios } from './frameKinds';

describe('every kind of frame in Firefox', () => {
  frameKindScenarios(() => FirefoxDriver.launch());
});
