// Panel UI: a list of facts (name, value) in the detail pane, as a definition list — a connection's, a decoded frame's.
import { Fragment } from 'preact';

export function Facts({ facts, label }: { facts: [string, string][]; label: string }) {
  return (
    <dl class="facts" aria-label={label}>
      {facts.map(([k, v], i) => (
        <Fragment key={`${i}:${k}`}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
