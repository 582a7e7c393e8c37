// Panel UI (DevTools panel): a JavaScript stack the page hook recorded (where a socket was made, where a frame was sent),
// with the page's own frames only, each source location a link to DevTools' source view where the host can open it.
import { parseStack } from '../stack';

export function StackView({ stack, label, openResource }: { stack: string; label: string; openResource?: (url: string, line: number) => void }) {
  const frames = parseStack(stack);
  if (!frames.length) return <p class="note">No stack: the page's own code did not call it (or the page replaced the stack formatter).</p>;
  return (
    <ol class="payload stack" aria-label={label}>
      {frames.map((f, i) => (
        <li key={i}>
          {f.fn && <span class="stack-fn">{f.fn} </span>}
          {openResource && f.url ? (
            <button type="button" class="link" aria-label={`Open ${f.url}:${f.line} in DevTools`} title="Open in DevTools" onClick={() => openResource(f.url!, f.line!)}>
              {f.where}
            </button>
          ) : (
            <span>{f.where}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
