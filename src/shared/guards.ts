// Shared by every world, the page hook included: the checks every message guard is built from. The natives they call are
// captured when the module is evaluated, which in the page hook is document_start, before any page script exists.
const { isSafeInteger, isFinite } = Number;
const { isArray } = Array;

export const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
export const isStr = (x: unknown): x is string => typeof x === 'string';
/** A finite number (a time): never NaN or ±Infinity. */
export const isNum = (x: unknown): x is number => typeof x === 'number' && isFinite(x);
/** A seq, socket id, epoch, count or byte length: a non-negative safe integer, never NaN, Infinity, negative or 1.5. */
export const isCount = (x: unknown): x is number => isSafeInteger(x) && (x as number) >= 0;
export const isList = (x: unknown): x is unknown[] => isArray(x);

/** Whether every item passes: an index loop, so no iterator or array method a page could have replaced is called. */
export function isListOf<T>(x: unknown, test: (item: unknown) => item is T): x is T[] {
  if (!isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (!test(x[i])) return false;
  return true;
}
