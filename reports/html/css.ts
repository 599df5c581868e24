// The page's stylesheet: screen, narrow screens and print; inline, so the page loads nothing.

/** The whole stylesheet, inlined into the page's one <style>. */
export const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--link:#0550ae;
--pass:#1f883d;--fail:#cf222e;--warn:#d4a72c;--info:#0969da;--unt:#8250df;--na:#d8dee4;--err:#82071e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:20px 20px 64px}
a{color:var(--link)}
code,pre,.rid,.et,.tool{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
code{font-size:.86em;background:var(--soft);border:1px solid #e4e8ec;border-radius:4px;padding:0 4px;overflow-wrap:anywhere}
pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px;line-height:1.45}
h2{font-size:1.2rem;margin:2.2rem 0 .8rem;padding-bottom:.35rem;border-bottom:1px solid var(--line)}
.muted{color:var(--muted)}.small{font-size:.85rem}
nav.toc{display:flex;gap:16px;flex-wrap:wrap;font-size:.85rem;padding:10px 0;border-bottom:1px solid var(--line);margin-bottom:18px}
nav.toc a{text-decoration:none}nav.toc b{margin-right:auto;font-weight:600}
@media (max-width:640px){nav.toc b{display:none}nav.toc{justify-content:space-between}}
.kicker{margin:0;color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;font-weight:600}
h1{font-size:1.75rem;line-height:1.25;margin:.2rem 0 .3rem;overflow-wrap:anywhere}
h1 .ver{color:var(--muted);font-weight:400}
.target{margin:0 0 14px}
.outcome{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 14px;padding:14px 18px;border-radius:8px;border:1px solid;border-left-width:6px}
.outcome strong{font-size:1.45rem;letter-spacing:.02em}
.outcome.ok{background:#dafbe1;border-color:#1f883d}.outcome.ok strong{color:#116329}
.outcome.bad{background:#ffebe9;border-color:#cf222e}.outcome.bad strong{color:#a40e26}
.outcome.warn{background:#fff8c5;border-color:#d4a72c}.outcome.warn strong{color:#7d4e00}
.counts{margin:12px 0}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:.74rem;font-weight:700;letter-spacing:.03em;white-space:nowrap;text-decoration:none;line-height:1.6;vertical-align:1px}
.v-pass{background:var(--pass);color:#fff}.v-fail{background:var(--fail);color:#fff}.v-warn{background:var(--warn);color:#1f2328}
.v-info{background:var(--info);color:#fff}.v-untestable,.v-inconclusive{background:var(--unt);color:#fff}
.v-not-applicable{background:var(--na);color:#424a53}.v-error{background:var(--err);color:#fff}
dl.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(138px,1fr));gap:8px;margin:16px 0 0}
dl.stats div{background:var(--soft);border:1px solid #e4e8ec;border-radius:6px;padding:8px 12px}
dl.stats dt{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600}
dl.stats dd{margin:0;overflow-wrap:anywhere}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:0}
dl.kv dt{color:var(--muted);font-weight:600}
dl.kv dd{margin:0;min-width:0;overflow-wrap:anywhere}
.why{color:var(--muted);font-size:.9rem}
.chip{display:inline-block;font-size:.75rem;padding:0 6px;border:1px solid var(--line);border-radius:4px;color:var(--muted);white-space:nowrap}
.notes{margin:0;padding-left:18px}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:6px 14px;margin:0 0 10px;padding:8px 12px;background:var(--soft);border:1px solid #e4e8ec;border-radius:6px;font-size:.9rem}
.filters label{white-space:nowrap;cursor:pointer}.filters .only{font-weight:600}
.filters .sep{width:1px;align-self:stretch;background:var(--line)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table.matrix{border-collapse:collapse;width:100%;font-size:.9rem}
.matrix th,.matrix td{padding:7px 10px;border-bottom:1px solid #e4e8ec;text-align:left;vertical-align:top}
.matrix thead th{font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--line);white-space:nowrap}
.matrix tbody tr:hover{background:#f6f8fa}
.matrix .rid{display:block;font-size:.85rem;font-weight:600}
.matrix .rid a{text-decoration:none;color:var(--fg)}
.matrix .rtitle{display:block;color:var(--muted);font-weight:400;font-size:.82rem}
.matrix .lvl{white-space:nowrap;font-size:.8rem;color:var(--muted)}
.cell{white-space:nowrap}.cell .lat{display:block;font-size:.75rem;color:var(--muted);margin-top:2px}
.legend-line{font-size:.78rem;line-height:2}
svg{display:block;overflow:visible}
svg text{font-family:inherit}
.chart .lbl{font-size:12px;fill:var(--fg);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
.chart .val{font-size:12px;fill:var(--fg);font-weight:600}.chart .zero{fill:var(--muted);font-weight:400}.chart .val.in{fill:#fff}
.chart .bar.v-pass{fill:var(--pass)}.chart .bar.v-fail{fill:var(--fail)}.chart .bar.v-warn{fill:var(--warn)}.chart .bar.v-info{fill:var(--info)}
.chart .bar.v-untestable,.chart .bar.v-inconclusive{fill:var(--unt)}.chart .bar.v-error{fill:var(--err)}.chart .bar.v-not-applicable{fill:#afb8c1}
.grid{stroke:#e4e8ec;stroke-width:1}.tick{font-size:11px;fill:var(--muted)}
.ref{stroke:#59636e;stroke-width:1;stroke-dasharray:4 3}.reflbl{font-size:11px;fill:var(--muted)}
details.result{border:1px solid var(--line);border-left:5px solid var(--na);border-radius:6px;margin:0 0 10px;background:#fff}
details.result>summary{cursor:pointer;padding:8px 14px;list-style-position:outside;display:block}
details.result>summary::-webkit-details-marker{display:none}
details.result>summary::before{content:"▸";color:var(--muted);display:inline-block;width:1em}
details.result[open]>summary::before{content:"▾"}
details.result>summary .rid{font-weight:600;font-size:.92rem;margin:0 4px}
details.result>summary .rline{display:block;margin:3px 0 0 1em;overflow-wrap:anywhere}
details.result>summary .rtitle{font-weight:600}
details.result>summary .rsum{color:var(--muted)}
details.result[open]>summary{border-bottom:1px solid #e4e8ec}
.b-pass{border-left-color:var(--pass)!important}.b-fail{border-left-color:var(--fail)!important}.b-warn{border-left-color:var(--warn)!important}
.b-info{border-left-color:var(--info)!important}.b-untestable,.b-inconclusive{border-left-color:var(--unt)!important}.b-error{border-left-color:var(--err)!important}
.rbody{padding:4px 16px 14px}
.quote{margin:12px 0;padding:8px 14px;border-left:3px solid var(--line);background:var(--soft);border-radius:0 6px 6px 0}
.quote p{margin:0 0 4px}.qcap{font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600}.quote footer{font-size:.8rem;color:var(--muted);overflow-wrap:anywhere}
.exploration{margin:12px 0;padding:8px 14px;border-left:3px solid var(--line);background:var(--soft);border-radius:0 6px 6px 0}.exploration pre.program{margin:6px 0;white-space:pre-wrap;overflow-wrap:anywhere}
.rea{margin:12px 0!important}.rea .actual{color:#a40e26;font-weight:500}
table.metrics{border-collapse:collapse;font-size:.85rem;margin:10px 0}
table.metrics caption{text-align:left;font-weight:600;color:var(--muted);font-size:.8rem;padding-bottom:2px}
table.metrics th{font-weight:400;color:var(--muted);padding:2px 16px 2px 0;text-align:left;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.8rem}
table.metrics td{padding:2px 0;font-variant-numeric:tabular-nums;font-weight:600}
details.sub{margin:10px 0;border:1px solid #e4e8ec;border-radius:6px}
details.sub>summary{cursor:pointer;padding:6px 10px;background:var(--soft);border-radius:6px;font-weight:600;font-size:.9rem}
details.sub[open]>summary{border-radius:6px 6px 0 0;border-bottom:1px solid #e4e8ec}
details.sub>:not(summary){margin:10px}
.note{font-size:.82rem;color:var(--muted)}
.tl{display:grid;grid-template-columns:3.6rem 1fr;align-items:stretch;margin:6px 0;min-width:0}
.tl-l{font-size:.72rem;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;align-self:center;font-weight:600}
.tl svg{min-width:0;width:100%}
.tl-lane{background:var(--soft);border-top:1px solid #fff}
.an{font-size:10.5px}.cx-l{fill:#bc4c00;font-weight:600}.win-l{fill:var(--muted);font-style:italic}.evd-l{fill:#cf222e;font-size:10px}
.win{fill:url(#hatch)}
.cx{stroke:#e16f24;stroke-width:1.5;stroke-dasharray:3 2}
.m{transform:translateX(-1.5px)}.m.big{transform:translateX(-2.5px)}
.m:hover{stroke:#1f2328;stroke-width:1.5}
.m.evd{stroke:#cf222e;stroke-width:2}
.k-req{fill:#0969da;background:#0969da}.k-notif{fill:#54aeff;background:#54aeff}.k-cancel{fill:#e16f24;background:#e16f24}
.k-progress{fill:#1b7c83;background:#1b7c83}.k-resp{fill:#1f883d;background:#1f883d}.k-err{fill:#cf222e;background:#cf222e}
.k-srvreq{fill:#8250df;background:#8250df}.k-stderr{fill:#8c959f;background:#8c959f}.k-note{fill:#424a53;background:#424a53}
.k-exit{fill:#1f2328;background:#1f2328}.k-bad{fill:#a40e26;background:#a40e26}
.legend{list-style:none;padding:0;margin:8px 0 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.78rem;color:var(--muted)}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.win-sw{background:repeating-linear-gradient(135deg,#dde3ea 0 2px,#f3f5f8 2px 5px);border:1px solid #c8d1da}
.evd-sw{background:#fff;border:2px solid #cf222e}
.tb{fill:#eaeef2}.st-working{fill:#ddf4ff;background:#ddf4ff}.st-input_required{fill:#fff8c5}.st-completed{fill:#dafbe1}.st-failed{fill:#ffebe9}.st-cancelled{fill:url(#hatch)}
.tt{font-size:10.5px;fill:var(--fg)}.tk{fill:#424a53}.tcx,.tcx-k{fill:#bc4c00;color:#bc4c00;font-weight:700}
.sl{stroke-width:1.5}.sg{font-size:9px}.sg-k{font-weight:400}.s00{stroke:#8250df;fill:#8250df;color:#8250df}
.s10{stroke:#0969da;fill:#0969da;color:#0969da}.s11{stroke:#1b7c83;fill:#1b7c83;color:#1b7c83}.s12{stroke:#424a53;fill:#424a53;color:#424a53}
ol.events{list-style:none;margin:0;padding:0;font-size:12.5px}
.events li{border-bottom:1px solid #f0f2f4}
.events .es,.events summary{display:flex;gap:10px;align-items:baseline;padding:3px 4px;min-width:0}
.events summary{cursor:pointer;list-style:none}.events summary::-webkit-details-marker{display:none}
.events summary:hover{background:var(--soft)}
.events .et{flex:0 0 4.8em;text-align:right;color:var(--muted);font-variant-numeric:tabular-nums}
.events .el{flex:0 0 3.6em;color:var(--muted);font-size:.9em}
.events .sw{flex:0 0 10px;align-self:center}
.events .ed{min-width:0;overflow-wrap:anywhere}
.events .etag{font-size:.7rem;font-weight:700;color:#cf222e;border:1px solid #cf222e;border-radius:3px;padding:0 4px;white-space:nowrap}
.events pre{margin:2px 0 8px 9em;padding:8px;background:var(--soft);border-radius:4px}
.events .is-evd{background:#fff5f5}.events .is-cx{background:#fff4eb}
.events li:target{outline:2px solid var(--info);outline-offset:-2px}
ul.na{list-style:none;margin:0;padding:0;font-size:.85rem}ul.na li{padding:3px 0;border-bottom:1px solid #f0f2f4;overflow-wrap:anywhere}
ul.na .rid{font-weight:600;margin-right:4px}ul.na li:target{outline:2px solid var(--info);outline-offset:-2px}
.events .gap{color:var(--muted);font-style:italic;padding:3px 4px 3px 10em}
pre.stderr{background:#1f2328;color:#e6edf3;padding:10px;border-radius:4px}
footer.foot{margin-top:40px;padding-top:12px;border-top:1px solid var(--line);font-size:.82rem;color:var(--muted)}
@media screen{.is-filtered{display:none!important}}
@media (max-width:640px){
body{font-size:14px}main{padding:12px 12px 48px}h1{font-size:1.35rem}
.outcome strong{font-size:1.2rem}.outcome{padding:10px 12px}
dl.stats{grid-template-columns:1fr 1fr;gap:6px}dl.stats div{padding:6px 8px}
dl.kv{grid-template-columns:1fr;gap:0}dl.kv dt{margin-top:8px}
.matrix th,.matrix td{padding:6px 6px}.matrix .rtitle{display:none}
.rbody{padding:2px 10px 10px}
.tl{grid-template-columns:2.9rem 1fr}.tl-l{font-size:.62rem}
.events .es,.events summary{flex-wrap:wrap;gap:2px 8px}
.events .et{flex-basis:auto}.events pre{margin-left:0}.events .gap{padding-left:4px}
}
@media print{
@page{margin:14mm}
body{font-size:10.5pt}main{max-width:none;padding:0}
nav.toc,.filters,details.result>summary::before{display:none!important}
summary{list-style:none}summary::-webkit-details-marker{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
details::details-content{content-visibility:visible;display:contents}
a{color:inherit;text-decoration:none}
details.result,details.sub{break-inside:auto}
.outcome,.quote,dl.stats div{break-inside:avoid}
.events li{break-inside:avoid}
.events pre{white-space:normal;margin:0 0 2px 9em;padding:2px 6px;font-size:7.5pt}
.events .es,.events summary{padding:1px 4px}ol.events{font-size:8pt}
.tl-lane{background:#f6f8fa}
}`;
