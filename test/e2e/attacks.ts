// End to end, written once for every browser: a hostile page attacks the inspector itself — hides frames through setters
// on prototypes, hands the relay a port of its own, relabels a child document, lies about its clock — and the real
// DevTools WS panel stays unfooled. Each browser's test file calls attackScenarios() with its driver.
import type { Page } from 'puppeteer-core';
import { expect, it } from 'vitest';
import { rowData, waitForConnections, waitForRows, waitUntil, type BrowserDriver, type PanelDriver } from '../support/driver';
import { browserContext } from './scenarios';

const js = JSON.stringify;

/** Polls with plain evaluate: puppeteer's waitForFunction would run its own helpers in a page whose prototypes are poisoned. */
async function until(page: Page, expression: string, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${expression}: ${await page.evaluate('String(JSON.stringify(window.state))').catch(String)} ${(page as Page & { errors?: string[] }).errors?.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Page code: `forge(W, tag)` makes a MessageChannel and offers one end to whoever listens for the hook's handshake in
 * window W, with a `created` and a text frame of an invented socket (wss://forged.example/<tag>) for the relay's own
 * document, and the same for a child document 7 that claims to be https://evil.example/. The batches are well formed for
 * the hook → relay hop; they go out at once (epochs 0–3) and again for every attach or clear the relay would send.
 * `state.taken` records, per attempt, whether dispatchEvent returned false (someone took the port).
 */
const FORGER = `
  window.state = window.state || {};
  state.taken = state.taken || '';
  state.heard = state.heard || '';
  window.forge = (W, tag) => {
    const ch = new W.MessageChannel();
    const p = ch.port1;
    const t = Date.now();
    const batch = (epoch) => ({
      v: 1, type: 'events', epoch,
      frames: { nums: new Float64Array([2, 900, t, 1, -1, 0, 0, 2, 901, t, 1, -1, 7, 0]), data: ['FORGED ' + tag, 'FORGED child ' + tag] },
      lifecycle: [
        { kind: 'created', seq: 1, id: 900, t, url: 'wss://forged.example/' + tag, protocols: [], initiator: '' },
        { kind: 'created', seq: 1, id: 901, t, url: 'wss://forged.example/child-' + tag, protocols: [], initiator: '', doc: 7, docUrl: 'https://evil.example/' },
      ],
      lifecycleAt: [0, 1],
      clearedThrough: [0],
    });
    p.onmessage = (e) => {
      const m = e.data;
      state.heard += tag + ':' + (m && m.type) + ';';
      if (m && (m.type === 'attach' || m.type === 'clear')) p.postMessage(batch(m.epoch));
    };
    p.postMessage({ v: 1, type: 'sockets' });
    for (let epoch = 0; epoch < 4; epoch++) p.postMessage(batch(epoch));
    // state.forging tells the page's own diagnostic listeners that these events are its own.
    state.forging = true;
    const ev = new W.MessageEvent('wsinspector:port', { ports: [ch.port2], cancelable: true });
    state.taken += tag + ':' + !W.dispatchEvent(ev) + ';';
    // As if the relay had just started: a hook still waiting would offer its own port (to nobody who listens now).
    W.dispatchEvent(new W.Event('wsinspector:relay-ready'));
    state.forging = false;
  };`;

/** A socket in window W that sends `text` once open. */
const sender = (echo: string) => `window.send = (W, text) => { const s = new W.WebSocket(${js(echo)}); s.onopen = () => s.send(text); return s; };`;

const forged = (texts: string[]) => texts.filter((t) => /forged|evil\.example/i.test(t));

export function attackScenarios<D extends BrowserDriver>(launch: () => Promise<D>) {
  const ctx = browserContext(launch);

  it('setters and getters on Array.prototype indices and Object.prototype: every frame shows, none of them is called', async () => {
    const page = await ctx.openPage(
      '/setters',
      `<!doctype html><body><script>
        window.state = { hits: '', got: 0 };
        addEventListener('load', () => {
          // Each records who touched it and swallows the write: an append through a[a.length] = x would vanish.
          let inHit = false;
          const hit = (what) => {
            if (inHit) return;
            inHit = true;
            try { state.hits += what + ' from ' + String(new Error().stack).split('\\n').slice(1, 5).join(' < ') + ';\\n'; } finally { inHit = false; }
          };
          for (let i = 0; i <= 20; i++)
            Object.defineProperty(Array.prototype, i, { configurable: true, get() { hit('get [' + i + ']'); }, set(v) { hit('set [' + i + ']'); } });
          for (const k of ['then', 'data', 'type', 'length', 'doc', 'docUrl'])
            Object.defineProperty(Object.prototype, k, { configurable: true, get() { hit('get .' + k); }, set(v) { hit('set .' + k); } });
          // From here on this page writes no array element and reads no missing property itself.
          window.run = (tag) => {
            const a = new WebSocket(${js(ctx.ws.echo)});
            a.binaryType = 'arraybuffer';
            a.onopen = () => { a.send(tag + ' text'); a.send(new Uint8Array([1, 2, 3])); a.send(new Blob([tag + ' blob'])); };
            a.onmessage = () => { state.got++; };
            const b = new WebSocket(${js(ctx.ws.echo)});
            b.binaryType = 'blob';
            b.onopen = () => { b.send(tag + ' to blob'); b.send(new Uint8Array([4, 5])); };
            b.onmessage = () => { state.got++; };
          };
          run('before');
        });
      </script>`,
    );
    await until(page, 'window.state && state.got === 5');
    const panel = await ctx.driver.openPanel(page);
    // History kept while the setters were in place, replayed when the panel attached…
    await waitForRows(panel, ['before text', 'before to blob', '01 02 03  ...', '04 05  ..', /^62 65 66 6f 72 65 20 62 6c 6f 62/]);
    // …and live frames after.
    await page.evaluate(`run('after')`);
    await until(page, 'state.got === 10');
    await waitForRows(panel, ['after text', 'after to blob']);
    const items = await waitForConnections(
      panel,
      (i) => i.length === 4 && i.filter((x) => x.includes('↑ 3 (') && x.includes('↓ 3 (')).length === 2 && i.filter((x) => x.includes('↑ 2 (') && x.includes('↓ 2 (')).length === 2,
      'four connections with every frame each way',
    );
    // (The table renders only the rows in view; the connections count every frame.)
    expect(items).toHaveLength(4);
    expect(await page.evaluate('state.hits')).toBe('');
    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('a forged handshake, in the page and in iframes it made and used at once: nobody takes the port', async () => {
    ctx.pages.set('/forged-port-child', `<!doctype html><p>a same-origin child</p><script>${sender(ctx.ws.echo)} send(window, 'real navigated child frame');</script>`);
    const page = await ctx.openPage(
      '/forged-port',
      `<!doctype html><body><script>${FORGER} ${sender(ctx.ws.echo)}
        state.childStarted = '';
        // At once, in the page's first script: the top document's relay has its port already.
        forge(window, 'top-early');
        const iframe = (src) => { const f = document.createElement('iframe'); if (src) f.src = src; document.body.appendChild(f); return f.contentWindow; };
        // An about:blank iframe created and used in the same task: the parent's hook reaches it, no content script runs there.
        const blank = iframe();
        send(blank, 'real child frame');
        forge(blank, 'blank-at-once');
        // An iframe reached while still its initial about:blank, then navigated to a same-origin page: the browser keeps
        // the window (and the parent's hook in it) for the new document, whose own content scripts run late, the hook
        // giving up as the window is hooked already.
        const navigated = iframe('/forged-port-child');
        navigated.WebSocket;
        // Diagnostics only: whether (and when) that child's relay ran.
        navigated.addEventListener('wsinspector:relay-ready', () => state.forging || (state.childStarted += document.readyState + ';'), true);
        forge(navigated, 'navigated-at-once');
        addEventListener('load', () => {
          send(window, 'real top frame');
          forge(window, 'top-load');
          forge(blank, 'blank-load');
          forge(navigated, 'navigated-load');
          // Later still, when every content script has long run.
          setTimeout(() => { forge(window, 'top-late'); forge(blank, 'blank-late'); forge(navigated, 'navigated-late'); state.late = true; }, 500);
        });
      </script>`,
    );
    await until(page, 'state.late === true');
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['real top frame', 'real child frame', 'real navigated child frame']);
    // With the panel attached, each relay asks its port for the history: a forged one would answer now.
    await page.evaluate(`for (const [i, W] of [window, ...[...document.querySelectorAll('iframe')].map((f) => f.contentWindow)].entries()) forge(W, 'attached-' + i)`);
    await sleep(1500);
    await waitForConnections(panel, (i) => i.length === 3, 'the three real connections only');
    expect(forged(await rowData(panel))).toEqual([]);
    expect(forged(await panel.connections())).toEqual([]);
    const taken = String(await page.evaluate('state.taken'));
    const diagnosis = `attempts: ${taken}; the navigated child's relay started: ${await page.evaluate('state.childStarted')}`;
    expect(taken.split(';').filter(Boolean).filter((t) => !t.endsWith(':false')), diagnosis).toEqual([]);
    expect(await page.evaluate('state.heard'), diagnosis).toBe('');
    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });

  // A known gap (ARCHITECTURE.md, "The handshake"): a same-origin iframe's window the page held while it was still the
  // initial about:blank survives into the document that replaces it, with the page's listeners and realm, so the page
  // can answer that document's relay first. `fails` asserts the gap is still there; it turns red the day it is closed.
  it.fails('KNOWN GAP: a forged handshake answering the relay’s start, in a window the page held before its document began', async () => {
    ctx.pages.set('/early-listener-child', `<!doctype html><p>a same-origin child</p><script>${sender(ctx.ws.echo)} send(window, 'real early-listener child frame');</script>`);
    const page = await ctx.openPage(
      '/early-listener',
      `<!doctype html><body><script>${FORGER} ${sender(ctx.ws.echo)}
        state.childStarted = '';
        const f = document.createElement('iframe');
        f.src = '/early-listener-child';
        document.body.appendChild(f);
        // Listeners on the initial about:blank window survive into the same-origin document that replaces it (same
        // window). They run before any listener the new document's content scripts add: answer the relay's start, and
        // swallow the hook's own offer.
        const W = f.contentWindow;
        W.addEventListener('wsinspector:relay-ready', (e) => { if (state.forging) return; state.childStarted += 'relay;'; e.stopImmediatePropagation(); forge(W, 'answer'); }, true);
        W.addEventListener('wsinspector:port', (e) => { if (!state.forging) { state.childStarted += 'hook port;'; e.stopImmediatePropagation(); } }, true);
        addEventListener('load', () => setTimeout(() => (state.late = true), 500));
      </script>`,
    );
    await until(page, 'state.late === true');
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['real early-listener child frame']);
    await sleep(1500);
    const diagnosis = `attempts: ${await page.evaluate('state.taken')}; seen in the child: ${await page.evaluate('state.childStarted')}`;
    expect(forged(await rowData(panel)), diagnosis).toEqual([]);
    expect(forged(await panel.connections()), diagnosis).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('a lying child document: replaceState, document.write and a forged doc/docUrl never show as another origin', async () => {
    ctx.pages.set('/lying-child-page', `<!doctype html><script>${sender(ctx.ws.echo)} send(window, 'from the navigated child');</script>`);
    ctx.pages.set('/lying-child-blank', `<!doctype html><p>nothing</p>`);
    const page = await ctx.openPage(
      '/lying-child',
      `<!doctype html><body><script>${FORGER} ${sender(ctx.ws.echo)}
        state.log = '';
        const lie = (W, url) => { try { W.history.replaceState(null, '', url); state.log += 'replaced ' + W.location.href + ';'; } catch (e) { state.log += e.name + ';'; } };
        // An about:blank child, used at once, that tries to take another origin's URL (and a same-origin path that looks like one).
        const f = document.createElement('iframe');
        document.body.appendChild(f);
        lie(f.contentWindow, 'https://evil.example/');
        lie(f.contentWindow, '/https://evil.example/');
        send(f.contentWindow, 'from the relabelled child');
        // A child written by the page, whose own script tries the same.
        const g = document.createElement('iframe');
        document.body.appendChild(g);
        g.contentDocument.write(${js(`<script>try { history.replaceState(null, '', 'https://evil.example/'); } catch (e) {} try { history.replaceState(null, '', '/evil.example'); } catch (e) {}
          const s = new WebSocket(${js(ctx.ws.echo)}); s.onopen = () => s.send('from the written child');</script>`).replace(/<\//g, '<\\/')});
        g.contentDocument.close();
        // A child reached as about:blank, then navigated (same window: see the forged-handshake test).
        const h = document.createElement('iframe');
        h.src = '/lying-child-page';
        document.body.appendChild(h);
        h.contentWindow.WebSocket;
        // One more such child, whose relay gets a forged port the moment it starts (see the early-listener test).
        const k = document.createElement('iframe');
        k.src = '/lying-child-blank';
        document.body.appendChild(k);
        k.contentWindow.addEventListener('wsinspector:relay-ready', (e) => { if (!state.forging) { e.stopImmediatePropagation(); forge(k.contentWindow, 'answer'); } }, true);
        k.contentWindow.addEventListener('wsinspector:port', (e) => { if (!state.forging) e.stopImmediatePropagation(); }, true);
        // And forged batches that file a child document 7 as https://evil.example/, offered to every relay.
        const all = () => [window, f.contentWindow, g.contentWindow, h.contentWindow, k.contentWindow];
        all().forEach((W, i) => forge(W, 'at-once-' + i));
        addEventListener('load', () => setTimeout(() => { all().forEach((W, i) => forge(W, 'late-' + i)); state.late = true; }, 500));
      </script>`,
    );
    await until(page, 'state.late === true');
    const panel = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['from the relabelled child', 'from the written child', 'from the navigated child']);
    await page.evaluate(`all().forEach((W, i) => forge(W, 'attached-' + i))`);
    await sleep(1500);
    const items = await panel.connections();
    const diagnosis = `${items.join(' | ')}; ${await page.evaluate('state.log')}; ports taken: ${await page.evaluate('state.taken')}`;
    expect(items.filter((i) => i.includes('evil.example')), diagnosis).toEqual([]);
    // The real children keep their true names. (Forged frames are the forged-handshake tests' business: here only where
    // they would be filed matters.)
    const docOf = (text: string) => items.filter((i) => i.includes(`↑ 1 (${text.length} B)`)).map((i) => /(top document|iframe [^↑]*)↑/.exec(i)?.[1]);
    expect(docOf('from the relabelled child'), diagnosis).toEqual(['iframe about:blank']);
    expect(docOf('from the written child'), diagnosis).toEqual([`iframe ${ctx.pages.origin}`]);
    expect(docOf('from the navigated child'), diagnosis).toEqual([`iframe ${ctx.pages.origin}`]);
    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });

  it('a page that lies about performance.timeOrigin: a reload still drops the old page’s frames and shows the new one’s', async () => {
    const page = await ctx.openPage(
      '/clock-lie',
      `<!doctype html><html><head><script>
        // In the page's first script, on every load: a start an hour in the future, on the instance and the prototype.
        const lie = Date.now() + 3600e3;
        Object.defineProperty(Performance.prototype, 'timeOrigin', { configurable: true, get: () => lie });
        Object.defineProperty(performance, 'timeOrigin', { configurable: true, value: lie });
        window.s = new WebSocket(${js(ctx.ws.echo)});
        s.onopen = () => s.send('clock lie ' + (sessionStorage.n = (+sessionStorage.n || 0) + 1));
      </script></head><body></body></html>`,
    );
    expect(await page.evaluate('performance.timeOrigin > Date.now()')).toBe(true);
    const panel: PanelDriver = await ctx.driver.openPanel(page);
    await waitForRows(panel, ['clock lie 1']);
    await page.reload();
    await waitUntil(() => rowData(panel), (r) => r.includes('clock lie 2') && !r.includes('clock lie 1'), 'only the new page’s frames');
    // And it stays so: neither the old page's frames come back nor the new page's go.
    await sleep(1000);
    const rows = await rowData(panel);
    expect(rows.filter((r) => r.startsWith('clock lie'))).toEqual(['clock lie 2', 'clock lie 2']);
    expect(page.errors).toEqual([]);
    await panel.close();
    await page.close();
  });

  return ctx;
}
