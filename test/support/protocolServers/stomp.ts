// Test support (Node): a minimal STOMP 1.2 broker — CONNECT/CONNECTED with heart-beats, SUBSCRIBE, SEND delivered as
// MESSAGE to every subscriber, RECEIPT for frames that ask — over any transport that carries text messages
// (a plain WebSocket, or a SockJS connection).

export interface StompTransport {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  onClose(listener: () => void): void;
}

interface Frame {
  command: string;
  headers: Map<string, string>;
  body: string;
}

function parse(text: string): Frame[] {
  const frames: Frame[] = [];
  for (const chunk of text.split('\0')) {
    const raw = chunk.replace(/^(\r?\n)+/, '');
    if (!raw) continue;
    const [head, ...rest] = raw.split(/\r?\n\r?\n/);
    const [command, ...lines] = head.split(/\r?\n/);
    const headers = new Map<string, string>();
    for (const l of lines) {
      const i = l.indexOf(':');
      if (i > 0 && !headers.has(l.slice(0, i))) headers.set(l.slice(0, i), l.slice(i + 1));
    }
    frames.push({ command, headers, body: rest.join('\n\n') });
  }
  return frames;
}

const frame = (command: string, headers: Record<string, string>, body = '') =>
  `${command}\n${Object.entries(headers).map(([k, v]) => `${k}:${v}`).join('\n')}\n\n${body}\0`;

export function stompBroker(heartbeatMs: number) {
  const subscriptions = new Set<{ t: StompTransport; id: string; destination: string }>();
  let messageId = 0;
  return (t: StompTransport) => {
    let beat: ReturnType<typeof setInterval> | undefined;
    t.onClose(() => {
      clearInterval(beat);
      for (const s of subscriptions) if (s.t === t) subscriptions.delete(s);
    });
    t.onMessage((text) => {
      for (const f of parse(text)) {
        const h = (k: string) => f.headers.get(k) ?? '';
        if (f.command === 'CONNECT' || f.command === 'STOMP') {
          t.send(frame('CONNECTED', { version: '1.2', 'heart-beat': `${heartbeatMs},${heartbeatMs}`, server: 'e2e-broker/1' }));
          beat = setInterval(() => t.send('\n'), heartbeatMs);
        } else if (f.command === 'SUBSCRIBE') {
          subscriptions.add({ t, id: h('id'), destination: h('destination') });
        } else if (f.command === 'SEND') {
          for (const s of subscriptions)
            if (s.destination === h('destination'))
              s.t.send(frame('MESSAGE', { destination: s.destination, subscription: s.id, 'message-id': String(++messageId), 'content-type': h('content-type') || 'text/plain' }, f.body));
        }
        if (f.headers.has('receipt')) t.send(frame('RECEIPT', { 'receipt-id': h('receipt') }));
      }
    });
  };
}
