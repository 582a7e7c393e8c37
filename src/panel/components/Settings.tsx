// Panel UI: the caps — what each page keeps for a panel opened later, and what the panel itself keeps.
import { useState } from 'preact/hooks';
import type { Limits } from '../../shared/protocol';
import type { Store } from '../store';
import type { PanelActions } from '../contracts';
import { Menu } from './Menu';

const MiB = 1024 * 1024;
const KiB = 1024;

export function Settings({ store, actions }: { store: Store; actions: PanelActions }) {
  const limits = actions.limits.value;
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    const num = (k: string) => Math.max(0, Math.round(Number(form.get(k))));
    const next: Limits = {
      maxFrames: num('maxFrames'),
      maxBytes: num('maxBytes') * MiB,
      maxPayloadBytes: num('maxPayloadKiB') * KiB,
      sendStacks: form.get('sendStacks') === 'on',
    };
    actions.saveLimits(next);
    store.setCaps({ maxRows: Math.max(1000, num('maxRows')), maxBytes: Math.max(1, num('maxPanelBytes')) * MiB });
    setSaved(true);
  };
  return (
    <Menu class="settings" label="Settings" title="Settings" button="⚙" onToggle={() => setSaved(false)}>
      <form class="menu-body" aria-label="Settings" onSubmit={onSubmit}>
        <label>
          Frames kept per document <input name="maxFrames" type="number" min="1" value={limits.maxFrames} />
        </label>
        <label>
          Payload kept per document (MiB) <input name="maxBytes" type="number" min="1" value={Math.round(limits.maxBytes / MiB)} />
        </label>
        <label>
          Payload kept per frame (KiB) <input name="maxPayloadKiB" type="number" min="1" value={Math.round(limits.maxPayloadBytes / KiB)} />
        </label>
        <label class="check" title="Each send() then costs the page a stack capture: leave it off unless you need it">
          <input name="sendStacks" type="checkbox" aria-label="Record where frames are sent from" checked={limits.sendStacks} /> Record where each frame is sent
          from (a stack per send(), in every page)
        </label>
        <label>
          Rows kept in this panel <input name="maxRows" type="number" min="1000" value={store.maxRows.value} />
        </label>
        <label>
          Payload kept in this panel (MiB) <input name="maxPanelBytes" type="number" min="1" value={Math.round(store.maxBytes.value / MiB)} />
        </label>
        <button type="submit">Save</button>
        {saved && <span role="status">Saved. Pages apply it now; the panel drops its oldest rows beyond the new caps.</span>}
      </form>
    </Menu>
  );
}
