// DevTools page: creates the WS panel, and hands DevTools' own search box (where the browser offers one for extension
// panels: Chrome's onSearch) to the panel, whose filter it drives.
import browser from 'webextension-polyfill';
import { PROTOCOL_VERSION, searchChannel, type PanelSearch, type SearchAction } from '../shared/protocol';

interface SearchEvent {
  addListener(cb: (action: SearchAction, query?: string) => void): void;
}

void browser.devtools.panels.create('WS', '/icons/icon-32.png', '/src/panel/panel.html').then((panel) => {
  const onSearch = (panel as typeof panel & { onSearch?: SearchEvent }).onSearch;
  if (!onSearch?.addListener) return; // Firefox has no search for extension panels
  const channel = new BroadcastChannel(searchChannel(browser.devtools.inspectedWindow.tabId));
  onSearch.addListener((action, query) => {
    const m: PanelSearch = { v: PROTOCOL_VERSION, type: 'search', action, query: query ?? '' };
    channel.postMessage(m);
  });
});
