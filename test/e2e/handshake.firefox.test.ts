// End to end in real firefox-esr: WebSocket handshakes in the WS panel (handshake.ts).
import { describe } from 'vitest';
import { FirefoxDriver } from '../support/firefox';
import { handshakeScenarios } from './handshake';

describe('handshakes in Firefox', () => {
  handshakeScenarios(() => FirefoxDriver.launch());
});
