// Panel UI: the Interception section of the detail pane — what a rule or breakpoint did to the selected frame.
import { hexString } from '../../shared/format';
import type { Row } from '../model';
import { describeIntercept } from '../ruleWords';
import { Paged } from './Paged';

/** A frame's payload as text: binary as hex. */
const asText = (data: string | Uint8Array) => (typeof data === 'string' ? data : hexString(data));

/** What a rule did to the frame: before and after for a changed frame, the frame kept back for a blocked or dropped one. */
export function InterceptFacts({ row, ruleName }: { row: Row; ruleName: string }) {
  const i = row.intercept;
  if (!i) return null;
  const { sentence } = describeIntercept(i, ruleName);
  const changed = i.outcome === 'rewritten' || i.outcome === 'edited';
  const keptBack = i.outcome === 'blocked' || i.outcome === 'dropped';
  return (
    <section class="intercept" aria-label="Interception">
      <h3>Interception</h3>
      <p class={`badge-line badge-${i.outcome}`}>{sentence}.</p>
      {changed && (
        <div class="before-after">
          <div>
            <h4>Before</h4>
            {i.original === undefined ? <p class="note">The original was not kept.</p> : <Paged text={i.original} label="Before" />}
          </div>
          <div>
            <h4>After</h4>
            <Paged text={asText(row.data)} label="After" />
          </div>
        </div>
      )}
      {keptBack && (
        <>
          <h4>{i.outcome === 'blocked' ? 'The frame it blocked' : 'The frame dropped'}</h4>
          <Paged text={i.original ?? asText(row.data)} label="Kept from going on" />
        </>
      )}
    </section>
  );
}
