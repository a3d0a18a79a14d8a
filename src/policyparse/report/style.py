"""The report's stylesheet (inlined into the page)."""

from policyparse.report.font import FONT_STACK

CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:FONTSTACK;color:#1f2933;background:#f4f5f7;line-height:1.55;font-size:15px}
header.top{background:#1f3a5f;color:#fff;padding:18px 20px 14px}
header.top h1{margin:0 0 4px;font-size:22px;font-weight:700}
header.top p{margin:0;color:#cdd8e6;font-size:13px;overflow-wrap:anywhere}
nav.toc{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid #d9dee5;padding:6px 20px;
 display:flex;gap:14px;overflow-x:auto;white-space:nowrap;font-size:14px}
nav.toc a{color:#1f3a5f;text-decoration:none;padding:4px 0}
main{max-width:1120px;margin:0 auto;padding:8px 16px 40px}
section.block{background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:14px 18px;margin:16px 0}
h2{font-size:19px;margin:4px 0 10px;color:#1f3a5f}
h3{font-size:16px;margin:0 0 4px}
.muted{color:#6b7684;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:10px;margin:6px 0 14px}
.card{background:#f2f6fb;border-radius:6px;padding:8px 12px}
.card b{display:block;font-size:24px;color:#1f3a5f}
.card span{font-size:13px;color:#52606d}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{border-bottom:1px solid #e4e7eb;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#f7f8fa;font-weight:600;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
td.quote{min-width:220px;color:#323f4b}
td.doc{min-width:160px}
td.city{white-space:nowrap}
.pill{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;background:#e4e7eb;color:#323f4b;
 white-space:nowrap}
.pill.final{background:#d5f0dd;color:#1e6b35}.pill.draft{background:#fde8c8;color:#8a4b08}
.pages{font-size:12px;color:#52606d;display:inline-block;min-width:120px}
.ind{border-top:1px solid #e4e7eb;padding:14px 0 8px}
.ind:first-of-type{border-top:0}
.charts{display:flex;flex-wrap:wrap;gap:10px;margin:6px 0}
div.chartbox{flex:1 1 380px;max-width:560px;min-width:0}
svg.chart{display:block;width:100%;height:auto;background:#fff;border:1px solid #eef0f3;border-radius:6px}
svg.chart text{font-family:FONTSTACK;font-size:12px}
svg.chart .tick{fill:#52606d;font-size:11px}
svg.chart .unit{fill:#52606d;font-size:11px}
svg.chart .grid{stroke:#eceff3}
svg.chart .axis{stroke:#9aa5b1}
svg.chart .ref line{stroke:#555;stroke-dasharray:6 4;stroke-width:1.3}
svg.chart .reflabel{fill:#444;font-size:11px}
svg.chart .vlabel{font-weight:600}
svg.chart .blabel{font-size:11px;opacity:.85}
svg.chart .base{opacity:.55}
svg.chart .leader{stroke-width:.8;opacity:.7}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:13px;margin:4px 0;align-items:center}
.key{display:inline-flex;align-items:center;gap:5px;white-space:nowrap}
.key i{display:inline-block;width:11px;height:11px;border-radius:50%}
.key i.hollow{background:#fff!important;border:2px solid #555}
.key i.base{width:8px;height:8px;opacity:.55;background:#555}
.key b.ln{display:inline-block;width:22px;height:0;border-top:2px solid #555}
.key b.ln.ref{border-top:2px dashed #555}
.key b.ln.join{border-top:1.5px dashed #777}
.key b.ln.lead{border-top:3px solid #555}
div.ind>details>summary{cursor:pointer;list-style-position:outside;margin-left:14px}
div.ind>details>summary h3{display:inline}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[aria-sort=ascending]::after{content:" ▲"}
table.sortable th[aria-sort=descending]::after{content:" ▼"}
p.filter input{font:inherit;padding:3px 6px;width:min(320px,70vw)}
.note{font-size:13px;color:#52606d;margin:4px 0}
ul.tocl{columns:2 280px;padding-left:18px;margin:4px 0 0;font-size:13.5px}
table.heat td.h{text-align:center;min-width:38px;font-variant-numeric:tabular-nums}
table.heat th.city{text-align:center;border-left:2px solid #fff}
table.heat td.name{white-space:nowrap}
table.heat sup{font-size:10px;margin-left:1px}
.graph-wrap{overflow:auto;max-height:80vh;border:1px solid #eef0f3;border-radius:6px;background:#fcfcfd}
.graph-controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin:6px 0;font-size:14px}
.graph-controls select{max-width:min(320px,80vw);font:inherit;font-size:14px;padding:3px}
.graph-controls button{font:inherit;font-size:14px;padding:3px 10px}
svg.graph text{font-family:FONTSTACK;font-size:12px;fill:#1f2933;pointer-events:none}
svg.graph .colhead{font-weight:700;fill:#1f3a5f;font-size:13px}
svg.graph .n{cursor:pointer}
svg.graph .n rect{fill:#eef2f7;stroke:#c3ccd8}
svg.graph .n.ind rect{fill:#fff7e6;stroke:#e2c17c}
svg.graph .n.city text{fill:#fff;font-weight:700}
svg.graph .n.focus rect{stroke:#1f2933;stroke-width:2}
svg.graph .e{fill:none;stroke-width:1.2;opacity:.16}
svg.graph .e.join{stroke-dasharray:4 3}
svg.graph .e.lead{stroke-width:2;opacity:.4}
svg.graph .e.target{stroke-width:1.8;opacity:.5}
svg.graph .e.hl{opacity:.9}
svg.graph .e.dim{opacity:.03}
svg.graph .n.dim{opacity:.25}
details{margin:8px 0}
details.ind1{border-top:1px solid #e4e7eb;margin:0;padding:7px 0}
details.ind1>summary{font-weight:500;color:#1f2933}
details.ind1 .ind{border-top:0;padding-top:6px}
h3.sub{margin:22px 0 2px;padding-top:12px;border-top:2px solid #dde2e8}
details>summary{cursor:pointer;font-weight:600;color:#1f3a5f}
span.narrow{display:none}
footer{max-width:1120px;margin:0 auto;padding:0 16px 30px;font-size:12px;color:#6b7684}
@media (max-width:600px){
 body{font-size:14px}
 main{padding:4px 8px 30px}
 section.block{padding:10px 10px;border-radius:6px}
 header.top h1{font-size:19px}
 svg.chart text{font-size:18px}
 svg.chart .tick,svg.chart .unit,svg.chart .reflabel,svg.chart .blabel{font-size:16px}
 table{font-size:13.5px}
 span.narrow{display:inline}
 table.stack thead{display:none}
 table.stack tr{display:block;border-bottom:1px solid #d9dee5;padding:6px 0}
 table.stack td{display:block;border:0;padding:2px 4px;text-align:left;min-width:0}
 table.stack td::before{content:attr(data-label);display:inline-block;min-width:64px;font-weight:600;
  color:#6b7684;font-size:12px;margin-right:6px}
 table.stack td:empty{display:none}
 table.stack td.num,table.stack td.short,table.stack td.city{display:inline-block;margin-right:14px;vertical-align:top}
 table.stack td.num::before,table.stack td.short::before,table.stack td.city::before{min-width:0}
 table.stack td.num br,table.stack td.doc br{display:none}
 table.stack td .muted{margin-left:4px}
}
""".replace("FONTSTACK", FONT_STACK)
