/**
 * Text from the SaaS (names, settings, error details) may hold explicit directional formatting characters: the
 * embeddings LRE/RLE, the overrides LRO/RLO, the isolates LRI/RLI/FSI and their closers PDF/PDI. Rendered, an
 * override reverses everything after it up to the end of the paragraph — the rest of a reason, the label beside a
 * name, the next column — and a PDI closes the `<bdi>` (or `unicode-bidi: isolate` element) around the name, so
 * even isolated text escapes. They never have a layout job in a name or a setting value, so every view shows each
 * one as a visible code: nothing is reordered, and the admin sees that the name hides a control ("Invoice
 * [U+202E]fdp.exe" is the classic file-name spoof). Implicit marks (LRM, RLM, ALM) stay: they are strong
 * characters that cannot reach past the element they are in.
 */
const explicitControls = /[\u202A-\u202E\u2066-\u2069]/g;

export function bidiSafe(text: string): string {
  return text.replace(explicitControls, (control) => `[U+${control.charCodeAt(0).toString(16).toUpperCase()}]`);
}
