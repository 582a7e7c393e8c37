// DevTools page: only creates the WS panel.
import browser from 'webextension-polyfill';

browser.devtools.panels.create('WS', '/icons/icon-32.png', '/src/panel/panel.html');
