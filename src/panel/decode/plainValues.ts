// Panel decoder (pure logic): decoded values made plain for the tree — what the binary formats decode to (Maps, Dates,
// bigints, typed arrays) as JSON-like values, and keys named `__proto__` kept as data.

/**
 * A decoded value as the tree shows it: Maps, Dates, bigints, typed arrays and extension objects from the binary
 * formats become plain JSON-like values (or Uint8Array), so the UI needs to know no format.
 */
export function toPlain(value: unknown, depth = 0): unknown {
  // Most values (JSON.parse output, MessagePack maps and arrays) are plain already: checking costs less than copying.
  return isPlain(value, depth) ? value : copyPlain(value, depth);
}

/** Whether toPlain would return an equal value: finite numbers, strings, booleans, null, bytes, arrays and `{}` objects of them. */
function isPlain(value: unknown, depth: number): boolean {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return depth <= 64;
  if (typeof value === 'number') return depth <= 64 && Number.isFinite(value);
  if (typeof value !== 'object' || depth > 64) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlain(value[i], depth + 1)) return false;
    return true;
  }
  if (value instanceof Uint8Array) return value.constructor === Uint8Array;
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const k in value) if (!Object.hasOwn(value, k) || !isPlain((value as Record<string, unknown>)[k], depth + 1)) return false;
  return true;
}

function copyPlain(value: unknown, depth: number): unknown {
  if (depth > 64) return '…';
  if (value === undefined) return null;
  if (typeof value === 'bigint') return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER ? Number(value) : value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return value instanceof DataView ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : Array.from(value as unknown as ArrayLike<number>, (x) => toPlain(x, depth + 1));
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (Array.isArray(value) || value instanceof Set) return Array.from(value, (x) => toPlain(x, depth + 1));
  if (value instanceof Map) {
    const plainKeys = [...value.keys()].every((k) => typeof k === 'string' || typeof k === 'number');
    if (!plainKeys) return Array.from(value, ([k, v]) => [toPlain(k, depth + 1), toPlain(v, depth + 1)]);
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) put(out, String(k), toPlain(v, depth + 1));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) put(out, k, toPlain((value as Record<string, unknown>)[k], depth + 1));
  return out;
}

/** Plain assignment (fast, keeps the object's fast shape) except for `__proto__`, which only setOwn stores as data. */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') setOwn(obj, key, value);
  else obj[key] = value;
}

/** A key named `__proto__` (a decoded map may have one) stays data instead of replacing the prototype. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
