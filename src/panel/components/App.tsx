// Panel UI: the whole panel layout.
import type { Store } from '../store';
import { ConnectionList } from './ConnectionList';
import { FrameTable } from './FrameTable';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';

export function App({ store, onClear }: { store: Store; onClear: () => void }) {
  return (
    <div class="app">
      <Toolbar store={store} onClear={onClear} />
      <div class="main">
        <ConnectionList store={store} />
        <FrameTable store={store} />
      </div>
      <StatusBar store={store} />
    </div>
  );
}
