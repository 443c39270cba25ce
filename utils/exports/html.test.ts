import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { ExportBundle } from './bundle';
import { escapeHtml, grade, toHtmlReport } from './html';
import { hostileBundle, realisticBundle } from './test-fixtures';

function parse(html: string): Document {
  const window = new Window();
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;

describe('toHtmlReport', () => {
  const bundle = realisticBundle();
  const html = toHtmlReport(bundle);
  const document = parse(html);

  it('is one self-contained file: a strict CSP, inline styles only, no script, nothing to fetch, print rules', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(csp);
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html.toLowerCase()).not.toContain('<link');
    expect(document.querySelectorAll('img, iframe, object, embed, link, script')).toHaveLength(0);
    expect(document.querySelectorAll('style')).toHaveLength(1);
    expect(html).toContain('@media print');
    expect(html).toMatch(/\.instance\+\.instance\{break-before:page\}/);
    expect(document.documentElement.getAttribute('lang')).toBe('en');
    expect(document.title).toBe('Posture Lens report — Acme (Okta), Acme ServiceNow');
  });

  it('shows each instance with its score, grade, counts by status and the 12-metric initiative table', () => {
    const sections = [...document.querySelectorAll('section.instance')];
    expect(sections).toHaveLength(2);
    const [okta] = sections;
    expect(document.querySelector('h1')!.textContent).toBe('Security posture report');
    expect(okta!.querySelector('h2')!.textContent).toBe('Acme (Okta) Okta');
    expect(okta!.textContent).toContain('acme-admin.okta.com');
    expect(okta!.querySelector('.grade')!.textContent).toBe('A');
    expect(okta!.textContent).toContain('Score 93.7%');
    const counts = okta!.querySelector('table.counts')!;
    expect([...counts.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Non-compliant',
      'Partial',
      'Could not check',
      'Unknown',
      'Compliant',
      'Not applicable',
    ]);
    expect([...counts.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['2', '3', '0', '2', '56', '0']);
    const initiative = [...okta!.querySelectorAll('table')].find((table) => table.querySelector('caption')!.textContent!.startsWith('SaaS Security Initiative'))!;
    expect(initiative.querySelectorAll('tbody tr')).toHaveLength(12);
    for (const th of initiative.querySelectorAll('th')) expect(th.getAttribute('scope')).toMatch(/^(col|row)$/);
    expect(sections[1]!.querySelector('.grade')!.textContent).toBe('F');
  });

  it('lists what needs attention first, by points, with evidence, exceptions, remediation and references', () => {
    const okta = document.querySelector('section.instance')!;
    const headings = [...okta.querySelectorAll('h3')].map((h3) => h3.textContent);
    expect(headings).toEqual(['Sources that could not be read (1)', 'Needs attention (5)', 'Could not check (2)', 'Compliant (56)']);
    const attention = [...okta.querySelectorAll('article.finding')].slice(0, 5);
    const ids = attention.map((article) => article.querySelector('.control-id')!.textContent);
    const expected = bundle.instances[0]!.findings.filter((finding) => finding.status === 'non_compliant' || finding.status === 'partial');
    expect(ids).toEqual(expected.map((finding) => finding.controlId));

    const password = attention.find((article) => article.textContent!.includes('OKTA.STIG.273195v1'))!;
    expect(password.querySelector('.status')!.textContent).toBe('Non-compliant');
    expect(password.querySelector('dl.evidence')!.textContent).toContain('Actual8 characters');
    expect(password.querySelector('.exception')!.textContent).toContain('Exception: Risk accepted');
    expect(password.querySelector('.exception')!.textContent).toContain('ciso@acme.example');
    expect(password.querySelectorAll('ol li').length).toBeGreaterThan(0);
    const links = [...password.querySelectorAll('ul.references a')];
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.getAttribute('href')).toBe(link.textContent);

    const lapsed = okta.querySelector('.exception.lapsed')!;
    expect(lapsed.textContent).toContain('Lapsed exception: Alternate mitigation');
    expect(lapsed.textContent).toContain('it no longer applies');
    expect(okta.textContent).toContain('Only for: 00u1inactive');
  });

  it('lists the first 20 affected entities and counts the rest', () => {
    const entry = bundle.instances[0]!;
    const [first] = entry.findings;
    const affected = Array.from({ length: 25 }, (_, index) => ({ id: `u${index}`, name: `User ${index}`, kind: 'user' }));
    const many: ExportBundle = { ...bundle, instances: [{ ...entry, findings: [{ ...first!, affected, affectedTotal: 30 }] }] };
    const list = parse(toHtmlReport(many)).querySelector('ul.affected')!;
    const items = [...list.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toHaveLength(21);
    expect(items[0]).toBe('User 0 (user · u0)');
    expect(items.at(-1)).toBe('and 10 more');
  });

  it('says so when the export holds no instance', () => {
    expect(toHtmlReport({ ...bundle, instances: [] })).toContain('This export holds no instance.');
  });
});

describe('toHtmlReport with hostile text', () => {
  const bundle = hostileBundle();
  const html = toHtmlReport(bundle);
  const document = parse(html);

  it('escapes every value: no element, attribute or style comes from the data', () => {
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</style><');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(document.querySelectorAll('script, img, b')).toHaveLength(0);
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames()) expect(attribute.startsWith('on')).toBe(false);
    }
    const text = document.body.textContent!;
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('</style><script>alert(1)</script>');
    expect(text).toContain('attr" onmouseover="alert(1)');
    expect(text).toContain('x'.repeat(10_000));
    expect(document.title).toBe('Posture Lens report — gnp.exe <img src=x onerror=alert(1)>');
  });

  it('keeps links to web pages only, with their address escaped in the attribute', () => {
    const hrefs = [...document.querySelectorAll('a')].map((link) => link.getAttribute('href'));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toBe('https://help.example/a?b=1&c="2"');
    expect(html).toContain('href="https://help.example/a?b=1&amp;c=&quot;2&quot;"');
    expect(document.body.textContent).toContain('javascript:alert(1)');
  });

  it('isolates text from the SaaS in <bdi>, its directional controls shown as codes so none can reorder the page', () => {
    expect(html).toContain('<bdi>[U+202E]gnp.exe &lt;img src=x onerror=alert(1)&gt;</bdi>');
    expect(html).toContain('<bdi>[U+202E]gnp.exe</bdi>');
    for (const bdi of document.querySelectorAll('bdi')) expect(bdi.children).toHaveLength(0);
    // A PDI would end the <bdi> early and let the override after it reverse the report's own text.
    expect(document.body.textContent).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});

describe('helpers', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('grades a score from A to F', () => {
    expect([95, 90, 89.9, 80, 75, 60, 59.9, 0, null].map(grade)).toEqual(['A', 'A', 'B', 'B', 'C', 'D', 'F', 'F', '—']);
  });
});
