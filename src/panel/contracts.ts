// Panel (DevTools panel): the contracts between the UI and what surrounds it — the host (the browser, through
// transport.ts; tests and benchmarks bring their own) and the actions the App hands its toolbar. In their own module so
// that components import them without importing each other.
import type { ReadonlySignal } from '@preact/signals';
import type { CommandPayload, Limits, PausedFrame, ResumeAction, SocketCommand } from '../shared/protocol';
import type { Rule } from '../shared/rules';
import type { ReplayTiming } from './replay';
import type { FrameAction } from './actions';
import type { ComposerContent } from './composer';
import type { Connection, Row } from './model';

/** The Deep capture switch's state: `busy` while the permission prompt or the attach is under way; `reason`: why it is off, if it turned off by itself. */
export interface DeepCaptureState {
  on: boolean;
  busy: boolean;
  reason: string;
}

/** Deep capture (Chromium only): the debugger on the tab's workers. */
export interface DeepCapture {
  state: ReadonlySignal<DeepCaptureState>;
  /** Called from the click itself: turning on asks for the `debugger` permission first. */
  set(on: boolean): void;
}

/** What the UI asks of the outside world. */
export interface PanelHost {
  /** Tells the inspected tab's documents to forget their kept history too. */
  clearPages(): void;
  /** The pages' caps, as stored in extension storage. */
  limits: ReadonlySignal<Limits>;
  saveLimits(limits: Limits): void;
  version: string;
  /** Has the page act on one of its sockets (the composer); resolves with '' when done, else why not. */
  command(connection: Connection, command: SocketCommand): Promise<string>;
  /** The rules the tab's hooks run, in order (the store's `rules.enabled`): called whenever they change. */
  setRules(rules: Rule[]): void;
  /** Answers a frame a breakpoint holds: forward it, forward `payload` instead (`edited`), or drop it. */
  resume(frame: PausedFrame & { browserFrameId: number }, action: ResumeAction, payload?: CommandPayload): void;
  /** Shows a script's line (1-based) in DevTools' own source view (Sources / Debugger); absent where there is none. */
  openResource?(url: string, line: number): void;
  /** Deep capture's switch; absent where the browser has no `debugger` permission (Firefox). */
  deepCapture?: DeepCapture;
}

/** What the toolbar and the settings form can do beyond the store's own actions. */
export interface PanelActions {
  /** An imported session: the toolbar leaves out what acts on the page (record, clear, composer, rules). */
  readOnly?: boolean;
  /** Opens a HAR or NDJSON file as an imported session (absent: no Import button). */
  importFile?: (file: File) => void;
  clear(): void;
  exportHar(): void;
  exportNdjson(): void;
  /** Copies and says so (`what`: "Copied message", …) in a short notice. */
  copy(text: string, what?: string): void;
  /** Runs the composer's content (or `content`, a snippet) on its connection: send to the server, or deliver to the page. */
  compose(action: 'send' | 'deliver', content?: ComposerContent): void;
  /** Resends a frame, delivers it again, opens it in the composer, or shows the replay bar for the selected frames. */
  frameAction(row: Row, action: FrameAction): void;
  /** Runs a command on a connection and says how it went (`done`: what to say when it worked). */
  command(c: Connection, command: SocketCommand, done: string): Promise<void>;
  /** Replays frames on a connection: sent ones to the server, received ones to the page. */
  replay(c: Connection, frames: Row[], timing: ReplayTiming, intervalMs: number): void;
  /** A short notice at the bottom of the panel. */
  notify(text: string): void;
  limits: ReadonlySignal<Limits>;
  saveLimits(limits: Limits): void;
  /** Shows a script's line (1-based) in DevTools' source view; absent where the host has none (links are then plain text). */
  openResource?(url: string, line: number): void;
}
