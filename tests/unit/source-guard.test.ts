import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Text from the SaaS is data: the extension's own code never parses a string as HTML or as code. (The HTML report in
 * utils/exports/html.ts is a string it escapes value by value and writes to a file; it is never put into a DOM here.)
 */
const folders = ['entrypoints', 'components', 'utils', 'connectors'];
const banned = /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser|(?<![\w$.])eval\s*\(|\bnew\s+Function\b|set(?:Timeout|Interval)\(\s*["'`]/;

function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('source guard', () => {
  it('never parses a string as HTML or code', () => {
    const files = folders.flatMap(sources);
    expect(files.length).toBeGreaterThan(100);
    const hits = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) => (banned.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });
});
