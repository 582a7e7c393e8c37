// Panel entry (DevTools panel page): creates the store, wires it to the background, renders the UI.
import { render } from 'preact';
import { Panel } from './components/Sessions';
import { workerImporter } from './importFile';
import type { LayoutStorage } from './layout';
import { createSessions } from './sessions';
import { createStore, type DecodeAsStorage, type Persistence, type RuleStorage, type SavedFilterStorage, type SnippetStorage } from './store';
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

/** The layout is the user's, not a site's: one for every inspected page. */
const layoutStorage: LayoutStorage = {
  load() {
    try {
      return JSON.parse(localStorage.getItem('wsinspector:layout') ?? '{}');
    } catch {
      return {};
    }
  },
  save(prefs) {
    try {
      localStorage.setItem('wsinspector:layout', JSON.stringify(prefs));
    } catch {
      // Storage full or disabled: the layout is just not remembered.
    }
  },
};

/** "Decode as" choices, by URL pattern (origin + path), for every inspected page. */
const decodeAsStorage: DecodeAsStorage = {
  load() {
    try {
      return JSON.parse(localStorage.getItem('wsinspector:decodeAs') ?? '{}');
    } catch {
      return {};
    }
  },
  save(choices) {
    try {
      localStorage.setItem('wsinspector:decodeAs', JSON.stringify(choices));
    } catch {
      // Storage full or disabled: the choices are just not remembered.
    }
  },
};

/** The composer's snippets, per inspected origin (checked again when loaded: snippets.ts). */
const snippetStorage: SnippetStorage = {
  load(origin) {
    try {
      return JSON.parse(localStorage.getItem(`wsinspector:snippets:${origin}`) ?? 'null');
    } catch {
      return null;
    }
  },
  save(origin, snippets) {
    try {
      if (snippets.length) localStorage.setItem(`wsinspector:snippets:${origin}`, JSON.stringify(snippets));
      else localStorage.removeItem(`wsinspector:snippets:${origin}`);
    } catch {
      // Storage full or disabled: the snippets hold until the panel closes.
    }
  },
};

/** Interception rules, per inspected origin (checked again when loaded: parseRules in shared/rules.ts). */
const ruleStorage: RuleStorage = {
  load(origin) {
    try {
      return JSON.parse(localStorage.getItem(`wsinspector:rules:${origin}`) ?? 'null');
    } catch {
      return null;
    }
  },
  save(origin, rules) {
    try {
      if (rules.length) localStorage.setItem(`wsinspector:rules:${origin}`, JSON.stringify(rules));
      else localStorage.removeItem(`wsinspector:rules:${origin}`);
    } catch {
      // Storage full or disabled: the rules hold until the panel closes.
    }
  },
};

/** Saved filters, per inspected origin and under `*` for every site (checked again when loaded: savedFilters.ts). */
const savedFilterStorage: SavedFilterStorage = {
  load(key) {
    try {
      return JSON.parse(localStorage.getItem(`wsinspector:filters:${key}`) ?? 'null');
    } catch {
      return null;
    }
  },
  save(key, filters) {
    try {
      if (filters.length) localStorage.setItem(`wsinspector:filters:${key}`, JSON.stringify(filters));
      else localStorage.removeItem(`wsinspector:filters:${key}`);
    } catch {
      // Storage full or disabled: the filters hold until the panel closes.
    }
  },
};

const store = createStore({ persistence, layoutStorage, decodeAsStorage, snippetStorage, ruleStorage, savedFilterStorage });
const host = connectStore(store);
// An imported session is a store of its own, fed from the file; it shares the user's layout and Decode-as choices, not
// the inspected site's filters, snippets or rules.
const sessions = createSessions(store, (caps) => createStore({ ...caps, layoutStorage, decodeAsStorage }), workerImporter);
render(<Panel sessions={sessions} host={host} />, document.getElementById('root')!);
