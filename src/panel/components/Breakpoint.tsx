// Panel UI: the breakpoint editor — the oldest frame a breakpoint holds (its socket, direction, rule and the time left
// before the page's hook forwards it unchanged), editable, with Forward, Forward edited and Drop; and how many wait.
import { useEffect, useState } from 'preact/hooks';
import { base64ToBytes, bytesToBase64 } from '../../shared/codec';
import { hexString } from '../../shared/format';
import type { CommandPayload } from '../../shared/protocol';
import { connectionKey } from '../model';
import type { HeldFrame } from '../breakpoints';
import type { Store } from '../store';

/** What the editor shows: text as is, binary as hex. */
export function heldText(f: HeldFrame): string {
  return f.payload.type === 'text' ? f.payload.text : hexString(base64ToBytes(f.payload.base64));
}

/** The edited text as the frame's payload (binary from hex: pairs of hex digits, spaces and line breaks ignored). */
export function editedPayload(f: HeldFrame, text: string): CommandPayload | { error: string } {
  if (f.payload.type === 'text') return { type: 'text', text };
  const hex = text.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return { error: 'Binary frames are edited as hex: pairs of digits 0-9 and a-f.' };
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return { type: 'binary', base64: bytesToBase64(bytes) };
}

const TICK_MS = 1000;

export function BreakpointEditor({ store }: { store: Store }) {
  const { rules } = store;
  const held = rules.held.value;
  const frame = held[0];
  // Ticks while a frame is held: the time left counts down, and frames the hook forwarded on timeout leave the list.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!frame) return;
    const timer = setInterval(() => {
      rules.expire(Date.now());
      setTick((n) => n + 1);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [frame]);
  if (!frame) return null;
  return <HeldFrameEditor key={`${frame.browserFrameId}:${frame.docId}:${frame.hold}`} store={store} frame={frame} waiting={held.length - 1} now={Date.now()} />;
}

function HeldFrameEditor({ store, frame, waiting, now }: { store: Store; frame: HeldFrame; waiting: number; now: number }) {
  const [text, setText] = useState(() => heldText(frame));
  const [error, setError] = useState('');
  const c = store.connections.value.get(connectionKey(frame.docId, frame.socket));
  const socket = c ? `#${c.n} ${store.labels.value.get(c.key) ?? c.url}` : `socket ${frame.socket}`;
  const left = Math.max(0, Math.ceil((frame.arrivedAt + frame.timeoutMs - now) / 1000));
  const forwardEdited = () => {
    const payload = editedPayload(frame, text);
    if ('error' in payload) return setError(payload.error);
    store.rules.resolve(frame, 'edited', payload);
  };
  return (
    <section class="breakpoint" role="region" aria-label="Breakpoint">
      <div class="breakpoint-bar">
        <strong>Paused</strong>
        <span>
          {frame.dir === 'sent' ? '↑ sent by the page' : '↓ received, before the page sees it'} on {socket}
        </span>
        <span>breakpoint {store.rules.nameOf(frame.rule)}</span>
        <span class="breakpoint-left" title="Then it goes on unchanged">
          {left} s left
        </span>
        {waiting > 0 && (
          <span class="breakpoint-waiting">
            {waiting} more {waiting === 1 ? 'frame' : 'frames'} waiting
          </span>
        )}
      </div>
      <textarea
        aria-label="Paused frame"
        aria-invalid={error ? true : undefined}
        spellcheck={false}
        value={text}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setError('');
        }}
      />
      {error && (
        <p class="rule-error" role="alert">
          {error}
        </p>
      )}
      <div class="breakpoint-actions">
        <button type="button" class="primary" aria-label="Forward" onClick={() => store.rules.resolve(frame, 'forward')} title="Let the frame go on as it was">
          Forward
        </button>
        <button type="button" aria-label="Forward edited" onClick={forwardEdited} title="Let the frame go on as edited above">
          Forward edited
        </button>
        <button type="button" aria-label="Drop" onClick={() => store.rules.resolve(frame, 'drop')} title="The frame never goes on">
          Drop
        </button>
      </div>
    </section>
  );
}
