import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { round1, type Figure } from './results';

/**
 * Built sizes: each content script of the Chrome build gzipped (it is loaded into every admin page), and the
 * store zips of both browser builds (`npm run zip`), which must be newer than the builds they stand for.
 */

const output = resolve('.output');
const kb = (bytes: number) => round1(bytes / 1024);

export function benchSizes(): Figure[] {
  const figures: Figure[] = [];
  const contentDir = join(output, 'chrome-mv3', 'content-scripts');
  for (const file of readdirSync(contentDir).filter((name) => name.endsWith('.js')).sort()) {
    figures.push({
      id: `size.contentScript.${file.replace(/\.js$/, '')}`,
      label: `content script ${file} (gzipped)`,
      value: kb(gzipSync(readFileSync(join(contentDir, file))).length),
      unit: 'KB',
      budget: 'contentScriptGzipped',
    });
  }
  const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
  let total = 0;
  for (const browser of ['chrome', 'firefox']) {
    const zip = join(output, `${name}-${version}-${browser}.zip`);
    const manifest = join(output, `${browser}-mv3`, 'manifest.json');
    if (!existsSync(zip) || !existsSync(manifest) || statSync(zip).mtimeMs < statSync(manifest).mtimeMs) {
      throw new Error(`No zip of the current ${browser} build in .output: run \`npm run zip\`, or run the bench without --no-build.`);
    }
    const bytes = statSync(zip).size;
    total += bytes;
    figures.push({ id: `size.zip.${browser}`, label: `${browser} zip`, value: kb(bytes), unit: 'KB' });
  }
  figures.push({ id: 'size.zip.total', label: 'zips of both browser builds, total', value: kb(total), unit: 'KB' });
  return figures;
}
