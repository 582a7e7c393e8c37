// Stacks as the browsers write them, read into frames with links; the extension's own frames left out.
import { describe, expect, it } from 'vitest';
import { parseStack } from '../../src/panel/stack';

describe('parseStack', () => {
  it('reads V8 stacks, without the Error line and the hook’s frames', () => {
    const stack = [
      'Error',
      '    at Object.apply (chrome-extension://abc/src/page/hook.js:1:2345)',
      '    at sendChat (http://127.0.0.1:8080/app.js:12:7)',
      '    at HTMLButtonElement.<anonymous> (http://127.0.0.1:8080/index.html:30:19)',
      '    at <anonymous>:1:1',
    ].join('\n');
    expect(parseStack(stack)).toEqual([
      { fn: 'sendChat', where: 'http://127.0.0.1:8080/app.js:12:7', url: 'http://127.0.0.1:8080/app.js', line: 12 },
      { fn: 'HTMLButtonElement.<anonymous>', where: 'http://127.0.0.1:8080/index.html:30:19', url: 'http://127.0.0.1:8080/index.html', line: 30 },
      { fn: '', where: '<anonymous>:1:1' },
    ]);
  });

  it('reads SpiderMonkey stacks', () => {
    const stack = ['apply@moz-extension://x/src/page/hook.js:1:99', 'sendChat@http://h/app.js:12:7', '@http://h/index.html:3:1', ''].join('\n');
    expect(parseStack(stack)).toEqual([
      { fn: 'sendChat', where: 'http://h/app.js:12:7', url: 'http://h/app.js', line: 12 },
      { fn: '', where: 'http://h/index.html:3:1', url: 'http://h/index.html', line: 3 },
    ]);
  });

  it('gives nothing for an empty or foreign text', () => {
    expect(parseStack('')).toEqual([]);
    expect(parseStack('Opened by the panel (Reconnect)')).toEqual([]);
  });
});
