// Panel UI (Chromium only): the Deep capture switch under the connection list, and what turning it on means — the
// `debugger` permission, and Chrome's "started debugging this browser" bar while it is on.
import type { DeepCapture } from '../contracts';

export const DEEP_NOTE_OFF =
  'Shows workers’ sockets from their first frame, with their handshakes. Asks for the “debugger” permission; while it is on, Chrome shows “WS Inspector started debugging this browser” above the page.';
export const DEEP_NOTE_ON =
  'On: Chrome shows “WS Inspector started debugging this browser” while it is. Workers started from now on are paused until their sockets can be seen. Closing that bar turns it off.';

export function DeepCaptureSwitch({ deep }: { deep: DeepCapture }) {
  const { on, busy, reason } = deep.state.value;
  return (
    <div class="deep-capture">
      <label class="check" title={on ? DEEP_NOTE_ON : DEEP_NOTE_OFF}>
        <input
          type="checkbox"
          role="switch"
          aria-label="Deep capture"
          aria-describedby="deep-capture-note"
          checked={on}
          disabled={busy}
          // The permission prompt needs this click's user gesture: no await before set(). The box then shows what is
          // true (off while asking and attaching), not what was clicked.
          onChange={(e) => {
            deep.set(e.currentTarget.checked);
            e.currentTarget.checked = deep.state.value.on;
          }}
        />
        Deep capture{busy ? ' …' : ''}
      </label>
      <p id="deep-capture-note" class="note" role="note">
        {on ? DEEP_NOTE_ON : DEEP_NOTE_OFF}
      </p>
      {reason && (
        <p class="note deep-capture-reason" role="status">
          {reason}
        </p>
      )}
    </div>
  );
}
