// Panel: small DOM helpers for actions on page data (copy to clipboard, save a file). No extension APIs.

/** Copies text; falls back to a hidden textarea where the Clipboard API is not allowed (DevTools panels are iframes). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** A file name for a list kept per origin: `ws-rules-example.com_8080.json`, `fallback` when the origin is not known. */
export const originFileName = (prefix: string, origin: string, fallback: string) =>
  `${prefix}-${origin.replace(/^\w+:\/\//, '').replace(/[^\w.-]+/g, '_') || fallback}.json`;

export function saveFile(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
