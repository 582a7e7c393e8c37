// `npm run zip` (after `npm run build`): store-ready archives of both builds in artifacts/ — web-ext build for Firefox
// (AMO), and the same zipper for dist/chrome (Chrome Web Store wants manifest.json at the archive's root, as here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import webExt from 'web-ext';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ARTIFACTS = join(ROOT, 'artifacts');
const { version } = JSON.parse(readFileSync(join(ROOT, 'dist', 'firefox', 'manifest.json'), 'utf8'));

for (const browser of ['firefox', 'chrome']) {
  const { extensionPath } = await webExt.cmd.build(
    {
      sourceDir: join(ROOT, 'dist', browser),
      artifactsDir: ARTIFACTS,
      filename: `ws-inspector-${version}-${browser}.zip`,
      overwriteDest: true,
    },
    { shouldExitProgram: false },
  );
  console.log(`› ${browser}: ${extensionPath}`);
}
