// Panel entry (DevTools panel page): creates the store, wires it to the background, renders the UI.
import { render } from 'preact';
import { App } from './components/App';
import { createStore, type Persistence } from './store';
import { connectStore } from './transport';
import './panel.css';

/** Filters are remembered per inspected origin in the panel's own localStorage (the extension's origin). */
const persistence: Persistence = {
  load(origin) {
    try {
      return JSON.parse(localStorage.getItem(`wsinspector:${origin}`) ?? '{}');
    } catch {
      return {};
    }
  },
  save(origin, value) {
    try {
      localStorage.setItem(`wsinspector:${origin}`, JSON.stringify(value));
    } catch {
      // Storage full or disabled: the settings just are not remembered.
    }
  },
};

const store = createStore({ persistence });
const host = connectStore(store);
render(<App store={store} host={host} />, document.getElementById('root')!);
