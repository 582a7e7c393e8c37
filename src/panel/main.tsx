// Panel entry (DevTools panel page): creates the store, wires it to the background, renders the UI.
import { render } from 'preact';
import { App } from './components/App';
import { createStore } from './store';
import { connectStore } from './transport';
import './panel.css';

const store = createStore();
const transport = connectStore(store);
render(<App store={store} onClear={() => transport.clear()} />, document.getElementById('root')!);
