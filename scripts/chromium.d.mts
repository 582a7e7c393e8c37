// Types for scripts/chromium.mjs, so the TypeScript tests can share it.
import type { Browser, Frame, Page } from 'puppeteer-core';

export const CHROMIUM: string;
export const EXTENSION_DIR: string;
export function chromiumArgs(options?: { extension?: boolean }): string[];
export function extensionIdOf(browser: Browser, timeout?: number): Promise<string>;
export function showWsPanel(devtools: Page, extensionId: string, timeout?: number): Promise<boolean>;
export function wsPanelFrame(devtools: Page, extensionId: string, timeout?: number): Promise<Frame>;
