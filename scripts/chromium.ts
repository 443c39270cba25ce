import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'].filter(
  (path): path is string => Boolean(path),
);

export const installCommand = 'apt-get update && apt-get install -y chromium';

/** Debian's Chromium: the one browser these machines can install (Playwright's downloads are blocked). */
export function findChromium(): string | undefined {
  return candidates.find((path) => existsSync(path));
}

/** Finds Chromium, installing it with apt-get when running as root; otherwise says what to run. */
export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is not installed. Run: sudo sh -c '${installCommand}' (or set CHROMIUM_PATH), then try again.`);
  }
  console.log('Chromium is missing: installing Debian chromium with apt-get…');
  execFileSync('sh', ['-c', `${installCommand} >/dev/null`], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get finished but Chromium was not found. Run: ${installCommand}`);
  return installed;
}
