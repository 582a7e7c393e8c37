// What connections are called on screen (src/panel/labels.ts).
import { describe, expect, it } from 'vitest';
import { LABEL_MAX, chipHue, connectionLabels, shortenMiddle } from '../../src/panel/labels';
import type { Connection } from '../../src/panel/model';

const conn = (key: string, url: string, protocol = ''): Connection => ({
  key, n: 1, docId: 'd', browserFrameId: 0, id: 1, url, protocols: [], initiator: '', createdAt: 0, state: 'open', protocol,
  extensions: '', error: false, sent: { count: 0, bytes: 0 }, received: { count: 0, bytes: 0 },
});

describe('shortenMiddle', () => {
  it('keeps short text, and both ends of long text', () => {
    expect(shortenMiddle('abc', 5)).toBe('abc');
    const cut = shortenMiddle('ws://very-long-host.example.com/a/b/c/socket', 20);
    expect(cut).toHaveLength(20);
    expect(cut.startsWith('ws://very-')).toBe(true);
    expect(cut.endsWith('/socket')).toBe(true);
    expect(cut).toContain('…');
  });
});

describe('connectionLabels', () => {
  it('names sockets by path and query where they share a host', () => {
    const labels = connectionLabels([conn('a', 'ws://h:1/feed?x=1'), conn('b', 'ws://h:1/'), conn('c', 'ws://h:1/chat', 'graphql-transport-ws')]);
    expect([...labels.values()]).toEqual(['/feed?x=1', 'h:1', '/chat · graphql-transport-ws']);
  });

  it('adds the host where hosts differ, and cuts long labels in the middle', () => {
    const long = `wss://b.example/${'p'.repeat(100)}/end`;
    const labels = connectionLabels([conn('a', 'ws://a.example/x'), conn('b', long)]);
    expect(labels.get('a')).toBe('a.example/x');
    expect(labels.get('b')).toHaveLength(LABEL_MAX);
    expect(labels.get('b')!.endsWith('/end')).toBe(true);
  });

  it('falls back to the URL as it came when it does not parse', () => {
    expect(connectionLabels([conn('a', '(opened before the kept history)')]).get('a')).toBe('(opened before the kept history)');
  });
});

describe('chipHue', () => {
  it('is stable per number and spreads neighbours apart', () => {
    expect(chipHue(3)).toBe(chipHue(3));
    expect(Math.abs(chipHue(1) - chipHue(2))).toBeGreaterThan(60);
  });
});
