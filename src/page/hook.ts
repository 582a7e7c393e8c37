// MAIN world, document_start, every document: the page hook's entry, built as one self-contained file (no imports)
// that runs before any page script. It makes window.WebSocket observable without the page noticing, keeps what it sees
// in a bounded history, and while a panel listens streams it over a private MessagePort to src/content/relay.ts.
import { installHook } from './install';

installHook(window as Window & typeof globalThis);
