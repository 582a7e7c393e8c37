// MAIN world (bundled into the page hook): what keeps our replacements looking native. Proxies of the native functions
// (so name, length, prototype and statics are native), a Function.prototype.toString that reports the native source for
// them, and property replacement that never reads a page-reachable prototype.
import { ProxyCtor, WeakMapCtor, apply, defineProperty, gopd, wmGet, wmSet, type Win } from './intrinsics';

/** Our Function.prototype.toString answers this argument (the native one ignores arguments) with itself: "already hooked". */
const MARK = 'wsinspector:hooked:7f3c9a';

/** Whether a hook (ours, by its content script or by its parent's hook) already records this window. */
export function isHooked(win: Win): boolean {
  const toString = win.Function.prototype.toString;
  return apply(toString, toString, [MARK]) === MARK;
}

/** Our replacements, each with the native function whose source it reports. */
const masks = new WeakMapCtor<object, object>();
export const mask = (fake: object, real: object) => apply(wmSet, masks, [fake, real]);

/** Redefines o[k] keeping its attributes; the descriptor has no prototype, so a page's Object.prototype.get cannot spoil it. */
export const replace = (o: object, k: PropertyKey, value: unknown, key: 'value' | 'get' = 'value') =>
  defineProperty(o, k, { __proto__: null, ...gopd(o, k), [key]: value } as PropertyDescriptor);

/**
 * A masked Proxy of a native function whose apply trap calls it, then `after(self, args)` (errors stay ours); when
 * `instead(self, args)` says it took the call over, the native function is not called.
 */
export function wrapCall(target: Function, after: (self: unknown, args: unknown[]) => void, instead?: (self: unknown, args: unknown[]) => boolean) {
  const p = new ProxyCtor(target, {
    __proto__: null,
    apply(t: Function, self: unknown, args: unknown[]) {
      try {
        if (instead && instead(self, args)) return undefined;
      } catch {}
      const result = apply(t, self, args); // native errors propagate unchanged
      try {
        after(self, args);
      } catch {}
      return result;
    },
  } as ProxyHandler<Function>);
  mask(p, target);
  return p;
}

/** Replaces the window's Function.prototype.toString with one that reports native sources for masks and answers MARK. */
export function maskToString(win: Win) {
  const native = win.Function.prototype.toString;
  const fake = new ProxyCtor(native, {
    __proto__: null,
    apply(target: Function, self: unknown, args: unknown[]) {
      // `args.length` first: reading a missing args[0] would reach a page's getter on Array.prototype.
      if (args.length && args[0] === MARK) return MARK;
      const real = typeof self === 'function' || (typeof self === 'object' && self !== null) ? apply(wmGet, masks, [self]) : undefined;
      return apply(target, real === undefined ? self : real, args);
    },
  } as ProxyHandler<Function>);
  mask(fake, native);
  replace(win.Function.prototype, 'toString', fake);
}
