// End to end in real Chromium: WebSocket handshakes in the WS panel (handshake.ts).
import { describe } from 'vitest';
import { ChromiumDriver } from '../support/chromium';
import { handshakeScenarios } from './handshake';

describe('handshakes in Chromium', () => {
  handshakeScenarios(() => ChromiumDriver.launch());
});
