/**
 * The overlay's CSS, scoped to its shadow roots. Sizes in px (a page's `rem` would leak in), fonts
 * from the system, colours that never carry meaning alone (each badge also has an icon and a word).
 * A tip's reason and values come from the SaaS and may name thousands of characters: they wrap anywhere
 * and show their first lines (the side panel shows all of it), so the tip always fits on the page.
 */

const font = 'system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif';

const focusRing = ':focus-visible{outline:2px solid #0b5cab;outline-offset:2px}';

export const badgeCss = `
*{box-sizing:border-box}
.badge{position:relative;display:inline-flex;align-items:center;gap:3px;height:20px;min-width:24px;margin:0;padding:0 7px;
 border:1px solid var(--edge);border-radius:10px;background:var(--bg);color:var(--fg);font:700 11px/1 ${font};letter-spacing:.03em;
 white-space:nowrap;cursor:pointer;vertical-align:middle}
.badge::before{content:"";position:absolute;inset:-3px -1px}
.badge ${focusRing}
.badge:hover{filter:brightness(1.08)}
.icon{font-size:12px}
.critical{--bg:#8c0012;--fg:#fff;--edge:#8c0012}
.high{--bg:#ba0517;--fg:#fff;--edge:#ba0517}
.medium{--bg:#8c4b02;--fg:#fff;--edge:#8c4b02}
.low{--bg:#0b5cab;--fg:#fff;--edge:#0b5cab}
.info{--bg:#5c6a7a;--fg:#fff;--edge:#5c6a7a}
.partial{--bg:#fff4e5;--fg:#8c4b02;--edge:#dd7a01}
.compliant{--bg:transparent;--fg:#1e5e34;--edge:#a6dcae;font-weight:600}
.exception{--bg:#f5f0fc;--fg:#5a1ba9;--edge:#b8a1e0}
.unknown{--bg:#f3f3f3;--fg:#4a4a4a;--edge:#9e9e9e;border-style:dashed}
.tip{width:max-content;max-width:340px;margin:0;padding:10px 12px;border:1px solid #c9c9c9;border-radius:6px;background:#fff;color:#181818;
 box-shadow:0 4px 16px rgba(0,0,0,.2);font:400 13px/1.4 ${font};text-align:left;white-space:normal;overflow-wrap:anywhere;z-index:2147483647}
.tip.inline{position:absolute;top:calc(100% + 6px);left:0}
.tip[popover]{position:fixed;inset:auto}
.tip p{margin:0 0 6px}
.tip .title{font-weight:700}
.tip .reason,.tip .values{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:8;overflow:hidden}
.tip .values{-webkit-line-clamp:3}
.tip .status{font-size:12px;color:#444}
.tip .points{font-weight:600}
.tip .hint{font-size:12px;color:#444}
.fix{min-height:28px;margin-top:2px;padding:4px 12px;border:1px solid #0b5cab;border-radius:4px;background:#0b5cab;color:#fff;font:600 13px/1 ${font};cursor:pointer}
.fix ${focusRing}
@media (prefers-reduced-motion:no-preference){.tip{animation:pl-in .12s ease-out}}
@keyframes pl-in{from{opacity:0;transform:translateY(-2px)}to{opacity:1;transform:none}}
@media (prefers-color-scheme:dark){
 .tip{background:#242528;color:#ececec;border-color:#4a4b50}
 .tip .status,.tip .hint{color:#c4c4c4}
 .partial{--bg:#3a2a12;--fg:#ffc470;--edge:#b86e00}
 .compliant{--fg:#7fd18e;--edge:#3b7a47}
 .exception{--bg:#2c2140;--fg:#cdb6f5;--edge:#7d5fb5}
 .unknown{--bg:#2f2f2f;--fg:#d0d0d0;--edge:#777}
}`;

export const bannerCss = `
*{box-sizing:border-box}
.bar{display:flex;align-items:center;gap:8px;max-width:min(420px,calc(100vw - 24px));padding:6px 6px 6px 10px;border:1px solid #c9c9c9;
 border-left:4px solid #ba0517;border-radius:8px;background:#fff;color:#181818;box-shadow:0 4px 16px rgba(0,0,0,.18);font:400 13px/1.3 ${font}}
.icon{font-weight:700;color:#ba0517}
.text{flex:1}
button{min-width:28px;min-height:28px;padding:4px 10px;border:1px solid #0b5cab;border-radius:4px;background:#fff;color:#0b5cab;font:600 13px/1 ${font};cursor:pointer}
button ${focusRing}
.dismiss{border-color:transparent;color:#444;padding:4px 8px}
@media (prefers-color-scheme:dark){.bar{background:#242528;color:#ececec;border-color:#4a4b50;border-left-color:#ff6b6b}
 button{background:#242528;color:#8ab4ff;border-color:#8ab4ff}.dismiss{color:#ccc;border-color:transparent}}`;

export const highlightCss = `
.box{position:fixed;box-sizing:border-box;border:3px solid #0b5cab;border-radius:6px;box-shadow:0 0 0 4px rgba(11,92,171,.25);pointer-events:none}
@media (prefers-reduced-motion:no-preference){.box{animation:pl-pulse 1s ease-in-out 3}}
@keyframes pl-pulse{50%{box-shadow:0 0 0 10px rgba(11,92,171,.08)}}
@media (prefers-color-scheme:dark){.box{border-color:#8ab4ff}}`;
