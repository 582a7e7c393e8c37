// Types for scripts/chromium.mjs, so the TypeScript tests can share it.
import type { Browser, Frame, Page } from 'puppeteer-core';

export const CHROMIUM: string;
export const EXTENSION_DIR: string;
export function chromiumArgs(options?: { extension?: boolean }): string[];
export function extensionIdOf(browser: Browser, timeout?: number): Promise<string>;
export function showWsPanel(devtools: Page, extensionId: string, timeout?: number): Promise<boolean>;
export function wsPanelFrame(devtools: Page, extensionId: string, timeout?: number): Promise<Frame>;
export function assertChromium(): void;
export interface ChromiumSession {
  browser: Browser;
  extensionId?: string;
  close(): Promise<void>;
}
export function launchChromium(options?: { extension?: boolean; args?: string[]; options?: Record<string, unknown> }): Promise<ChromiumSession>;
export function openWsPanel(session: ChromiumSession, page: Page): Promise<Frame>;
