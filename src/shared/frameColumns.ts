// Shared by the page hook (encodes) and the relay (decodes): a batch of page events with its frames as columns. Structured
// clone copies one Float64Array where an object per frame costs every one of its fields. Index arithmetic only, so the
// page hook can run the encoder in a page that replaced any built-in method.
import { FRAME_WIDTH, type FrameColumns, type PageEvent, type PageFrame, type PageLifecycle } from './protocol';

export { FRAME_WIDTH };

/** A frame's numbers, FRAME_WIDTH per frame in `PageFrames.nums`, at these offsets. */
export const SEQ = 0;
export const SOCKET = 1;
export const TIME = 2;
/** 0 sent, 1 received. */
export const DIRECTION = 3;
/** The frame's true byte length, or -1 where the relay measures it (text the hook did not cut). */
export const LENGTH = 4;
/** The hook's document number: 0 its own document, n a child window it reached first. */
export const DOC = 5;
/** 1 when the panel's composer sent or delivered the frame, else 0. */
export const FROM_PANEL = 6;

/** Captured when the module is evaluated (in the page hook: document_start), so a page's replacement is never called. */
const F64 = Float64Array;

/**
 * `newList` makes the arrays the hook fills: null-prototype ones there, so a page's setters on Array.prototype indices
 * never see a write. The events' own fields are read, never a missing one (which would reach Object.prototype).
 */
export function encodeBatch(events: readonly PageEvent[], newList: <T>() => T[] = () => []): FrameColumns {
  let count = 0;
  for (let i = 0; i < events.length; i++) if (events[i].kind === 'frame') count++;
  const nums = new F64(count * FRAME_WIDTH);
  const data = newList<PageFrame['data']>();
  const lifecycle = newList<PageLifecycle>();
  const lifecycleAt = newList<number>();
  for (let i = 0, k = 0; i < events.length; i++) {
    const e = events[i];
    if (e.kind !== 'frame') {
      lifecycleAt[lifecycle.length] = i;
      lifecycle[lifecycle.length] = e;
      continue;
    }
    const at = k * FRAME_WIDTH;
    nums[at + SEQ] = e.seq;
    nums[at + SOCKET] = e.id;
    nums[at + TIME] = e.t;
    nums[at + DIRECTION] = e.dir === 'sent' ? 0 : 1;
    nums[at + LENGTH] = e.length ?? -1;
    nums[at + DOC] = e.doc || 0;
    nums[at + FROM_PANEL] = e.fromPanel ? 1 : 0;
    data[k++] = e.data;
  }
  return { frames: { nums, data }, lifecycle, lifecycleAt };
}

/** The shape a decoded batch has before its events are checked (everything from the page is unchecked). */
export interface UncheckedColumns {
  frames: { nums: Float64Array; data: unknown[] };
  lifecycle: unknown[];
  lifecycleAt: unknown[];
}

/**
 * A batch's events as objects again, in recorded order, each still to be checked (isPageEvent). The numbers are copied
 * once first: in Firefox they are the page's, behind a wrapper, until then.
 */
export function decodeBatch({ frames, lifecycle, lifecycleAt }: UncheckedColumns): unknown[] {
  const nums = new Float64Array(frames.nums.length);
  nums.set(frames.nums);
  const out: unknown[] = [];
  let frame = 0;
  let life = 0;
  for (let i = 0; frame < frames.data.length || life < lifecycle.length; i++) {
    if (life < lifecycle.length && lifecycleAt[life] === i) {
      out.push(lifecycle[life++]);
      continue;
    }
    if (frame >= frames.data.length) break; // lifecycleAt does not fit the batch: keep what does
    const at = frame * FRAME_WIDTH;
    const length = nums[at + LENGTH];
    const doc = nums[at + DOC];
    const fromPanel = nums[at + FROM_PANEL];
    out.push({
      kind: 'frame', seq: nums[at + SEQ], id: nums[at + SOCKET], t: nums[at + TIME], dir: nums[at + DIRECTION] ? 'received' : 'sent',
      data: frames.data[frame], length: length === -1 ? undefined : length, doc: doc === 0 ? undefined : doc, // NaN or -2 stay, for isPageEvent to reject
      fromPanel: fromPanel === 1 ? true : fromPanel === 0 ? undefined : fromPanel,
    });
    frame++;
  }
  return out;
}
