// The page's one inline script, and the Content-Security-Policy that admits it by its hash and nothing else.

import { createHash } from 'node:crypto';
import { DRAW, DRAW_SAMPLES, DRAW_TASKS, NO_SAMPLES, NO_TASKS } from './draw.js';

// Why: filters, drawing a transcript when it is opened (draw.ts), opening a folded target when a link
// points into it, and unfolding everything to print. Its text holds no report data: it reads the page's
// own fixed attributes, and the transcripts as data through JSON.parse. Written indented here, it goes
// into every page without the indentation.
// The task lanes and the sample charts come only when the page has tasks or samples to draw.
export function pageScript(has: { tasks: boolean; samples: boolean }): string {
  return `(function () {
  'use strict';${DRAW}${has.tasks ? DRAW_TASKS : NO_TASKS}${has.samples ? DRAW_SAMPLES : NO_SAMPLES}
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-f]'));
  var form = document.getElementById('filters');
  var status = document.getElementById('f-status');
  function checked(id) { var el = document.getElementById(id); return !!(el && el.checked); }
  function apply() {
    var only = checked('f-problems');
    var levels = ['MUST', 'SHOULD', 'MAY'].filter(function (l) { return checked('f-' + l); });
    var shown = 0, results = 0;
    items.forEach(function (el) {
      var mine = (el.getAttribute('data-levels') || '').split(' ');
      var hide = (only && el.getAttribute('data-problem') !== '1') ||
        !mine.some(function (l) { return levels.indexOf(l) >= 0; });
      el.classList.toggle('is-filtered', hide);
      if (el.classList.contains('result')) { results++; if (!hide) shown++; }
    });
    if (status) status.textContent = shown === results ? '' : 'showing ' + shown + ' of ' + results + ' results';
  }
  if (form) { form.hidden = false; form.addEventListener('change', apply); apply(); }
  document.addEventListener('toggle', function (ev) {
    var d = ev.target;
    if (d && d.open && d.getAttribute && d.getAttribute('data-tx')) draw(d.getAttribute('data-tx'));
  }, true);
  Array.prototype.forEach.call(document.querySelectorAll('[data-body]'), body);
  Array.prototype.forEach.call(document.querySelectorAll('.tx[data-tx]'), shell);
  Array.prototype.forEach.call(document.querySelectorAll('details[data-tx][open]'), function (d) {
    draw(d.getAttribute('data-tx'));
  });
  function reveal(id) {
    var el = document.getElementById(id);
    var owner = /^(r[0-9]+)-e[0-9]+$/.exec(id);
    if (!el && owner) { draw(owner[1]); el = document.getElementById(id); }
    if (!el) return;
    for (var p = el; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
    var own = el.querySelector('details');
    if (own && el.tagName === 'LI') own.open = true;
  }
  document.addEventListener('click', function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest('a') : null;
    var href = a ? a.getAttribute('href') || '' : '';
    if (href.charAt(0) === '#') reveal(href.slice(1));
  });
  if (location.hash) reveal(location.hash.slice(1));
  var folded = [];
  window.addEventListener('beforeprint', function () {
    Object.keys(data().tx).forEach(draw);
    Array.prototype.forEach.call(document.querySelectorAll('details:not([open])'), function (d) { d.open = true; folded.push(d); });
  });
  window.addEventListener('afterprint', function () { folded.forEach(function (d) { d.open = false; }); folded = []; });
})();`.replace(/\n +/g, '\n');
}

/** The script with every part (a page with tasks and samples). */
export const SCRIPT = pageScript({ tasks: true, samples: true });

// Why: nothing may load from anywhere: no fetch, no font, no frame; only the page's one script may run.
export function cspFor(script: string): string {
  const hash = `sha256-${createHash('sha256').update(script).digest('base64')}`;
  return `default-src 'none'; style-src 'unsafe-inline'; script-src '${hash}'; img-src data:; base-uri 'none'; form-action 'none'`;
}
