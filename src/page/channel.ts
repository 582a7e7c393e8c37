// MAIN world (bundled into the page hook): the private channel to src/content/relay.ts. One handshake at document_start
// hands the relay a MessagePort; afterwards everything goes over that port, which no page script can reach.
import { HANDSHAKE_EVENT, RELAY_STARTED_EVENT, isRelayToPage, type PageToRelay, type RelayToPage } from '../shared/protocol';
import { MessageChannelCtor, MessageEventCtor, addListener, apply, closePort, dispatch, msgData, postMessage, removeListener, type Win } from './intrinsics';

export interface Channel {
  post(m: PageToRelay): void;
  listen(onCommand: (m: RelayToPage) => void): void;
  /** Gives up: the relay keeps the one port it accepts (so it takes no other, a page's included) but hears nothing. */
  close(): void;
}

/**
 * Offers the port at once; if the relay has not run yet it announces itself, still before any page script. The hook
 * opens the channel before anything else it does, even when it then gives up, so the relay's one handshake is always ours.
 */
export function openChannel(w: Win): Channel {
  const channel = new MessageChannelCtor();
  const port = channel.port1;
  // A plain array: MessageEvent reads `ports` with its iterator, and no page script has run yet to spoil it.
  const offer = () => !apply(dispatch, w, [new MessageEventCtor(HANDSHAKE_EVENT, { __proto__: null, ports: [channel.port2], cancelable: true } as MessageEventInit)]);
  if (!offer()) {
    const onRelayStarted = () => {
      if (offer()) apply(removeListener, w, [RELAY_STARTED_EVENT, onRelayStarted, true]);
    };
    apply(addListener, w, [RELAY_STARTED_EVENT, onRelayStarted, true]);
  }
  return {
    post(m) {
      try {
        apply(postMessage, port, [m]);
      } catch {
        // A clone failure must not take the page down; the batch is lost, and the panel counts the gap it leaves in seq.
      }
    },
    listen(onCommand) {
      port.onmessage = (e) => {
        try {
          // Only the relay holds the other end; still, nothing unchecked steers the hook, and nothing of ours throws into the page.
          const m = apply(msgData, e, []);
          if (isRelayToPage(m)) onCommand(m);
        } catch {}
      };
    },
    close: () => apply(closePort, port, []),
  };
}
