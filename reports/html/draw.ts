// The part of the page's script that draws a result's transcript from its rows (transcript.ts): the
// timeline (client, server, stderr and notes lanes over a shared time axis, each event a mark at its time,
// the silence windows shaded, the client's cancels as lines, the evidence pointed at) and the event list,
// each message opening to its indented JSON. It runs in the reader's browser when a transcript is opened,
// so the page carries each event once, as data. Every string it adds to the page goes in as text
// (textContent), never as markup; strings from the target are made visible (control and bidi characters
// as \uXXXX) as the server does it. Lanes, kinds, caps and the unsafe characters come from the modules the
// server side uses, so both name them alike.

import { UNSAFE_SOURCE } from '../outcome.js';
import { LABEL_CAP } from './escape.js';
import { LANE_LABEL, LANES, MARK_LABEL, MARKS } from './events.js';
import { BODY_CAP, EVIDENCE, JSONRPC_2, MESSAGE_ONLY, TASK_VIA, TEXT_BODY } from './transcript.js';

/** Annotated cancels / windows per timeline; beyond that labels would overlap (tooltips remain). */
const LABEL_LIMIT = 4;
/** Cancels drawn as lines across the lanes; more would hide the lanes behind them. */
const LINE_LIMIT = 12;
/** Sample points marked with their glyph per series; beyond that every few are (the line shows them all). */
const GLYPH_LIMIT = 40;
/**
 * The process-sample charts under the lanes: per panel, its lane label, what it says, and its series as
 * [index in a sample row (transcript.ts SampleRow), name, glyph, dash pattern, the pattern's name]. Each
 * series has a glyph and a dash of its own, and the legend names them, so the chart reads without colour.
 */
const SERIES = [
  {
    lane: 'CPU',
    what: "CPU time the target's processes used so far (steeper: busier)",
    unit: ' ms',
    s: [[1, 'CPU time', '◆', '']],
  },
  {
    lane: 'tree',
    what: "threads, descriptors and processes of the target's process tree",
    unit: '',
    s: [
      [4, 'threads', '▲', ''],
      [3, 'descriptors', '■', '5 3', 'dashed'],
      [5, 'processes', '●', '1 3', 'dotted'],
    ],
  },
];

// Why: the constants first, written by the server; then plain functions of them. No report data is part
// of this text: it reaches the script only through JSON.parse of the page's data block.
export const DRAW = String.raw`
  var LANES = ${JSON.stringify(LANES.map((l) => LANE_LABEL[l]))};
  var MARKS = ${JSON.stringify(MARKS)};
  var MARK_LABEL = ${JSON.stringify(MARK_LABEL)};
  var EVIDENCE = ${EVIDENCE}, TEXT_BODY = ${TEXT_BODY}, MESSAGE_ONLY = ${MESSAGE_ONLY}, JSONRPC_2 = ${JSONRPC_2};
  var BODY_CAP = ${BODY_CAP}, LABEL_CAP = ${LABEL_CAP};
  var LABEL_LIMIT = ${LABEL_LIMIT}, LINE_LIMIT = ${LINE_LIMIT};
  var UNSAFE = new RegExp(${JSON.stringify(UNSAFE_SOURCE)}, 'g');
  var page = null;
  function data() {
    if (page === null) {
      var block = document.getElementById('mcc-data');
      try { page = block ? JSON.parse(block.textContent) : null; } catch (e) { page = null; }
      var ok = page && obj(page.tx) && obj(page.cards) && Array.isArray(page.quotes) && Array.isArray(page.urls) &&
        Array.isArray(page.err) && Array.isArray(page.labels);
      if (!ok) page = { tx: {}, cards: {}, quotes: [], urls: [], err: [], labels: [] };
    }
    return page;
  }
  function own(map, key) { return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : null; }
  function transcript(rid) {
    var d = own(data().tx, rid);
    return d && Array.isArray(d.ev) && Array.isArray(d.win) ? d : null;
  }
  function visible(s) {
    return s.replace(UNSAFE, function (ch) { return '\\u' + ('000' + ch.charCodeAt(0).toString(16)).slice(-4); });
  }
  function cut(s, max, note) {
    return s.length <= max ? s : s.slice(0, max) + '… (' + (s.length - max) + ' more characters' + note + ')';
  }
  function ms(n) {
    if (!isFinite(n)) return '—';
    if (n >= 10000) return (n / 1000).toFixed(1) + ' s';
    if (n < 10 && n % 1 !== 0) return n.toFixed(1) + ' ms';
    return Math.round(n).toLocaleString('en-US') + ' ms';
  }
  function pct(value, max) {
    var p = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
    return (0.5 + p * 0.99).toFixed(2) + '%';
  }
  function niceCeil(v) {
    if (v <= 0) return 1;
    var pow = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (v <= steps[i] * pow) return steps[i] * pow;
    return 10 * pow;
  }
  function flat(v) {
    if (Array.isArray(v)) return '[' + v.map(flat).join(', ') + ']';
    if (v !== null && typeof v === 'object')
      return '{' + Object.keys(v).map(function (k) { return JSON.stringify(k) + ': ' + flat(v[k]); }).join(', ') + '}';
    return JSON.stringify(v);
  }
  function pretty(v, indent, lead) {
    var line = flat(v);
    if (v === null || typeof v !== 'object' || indent.length + lead + line.length <= 110) return line;
    var inner = indent + '  ';
    var items = Array.isArray(v)
      ? v.map(function (x) { return inner + pretty(x, inner, 0); })
      : Object.keys(v).map(function (k) {
          var key = JSON.stringify(k) + ': ';
          return inner + key + pretty(v[k], inner, key.length);
        });
    var ends = Array.isArray(v) ? '[]' : '{}';
    return ends.charAt(0) + '\n' + items.join(',\n') + '\n' + indent + ends.charAt(1);
  }
  function obj(v) { return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : null; }
  function methodDetail(method, params) {
    var p = obj(params);
    if (!p) return '';
    if (method === 'tools/call' && typeof p.name === 'string') return ' ' + p.name;
    if (method === 'notifications/progress')
      return ' ' + JSON.stringify(p.progress) + (p.total === undefined ? '' : '/' + JSON.stringify(p.total));
    if (method === 'notifications/cancelled') {
      var id = JSON.stringify(p.requestId);
      return ' of #' + (id === undefined ? '?' : id);
    }
    return '';
  }
  function describeMessage(message) {
    if (Array.isArray(message)) return 'batch of ' + message.length;
    var m = obj(message);
    if (!m) { var json = JSON.stringify(message); return json === undefined ? '(nothing)' : json; }
    var id = 'id' in m ? ' #' + JSON.stringify(m.id) : '';
    if (typeof m.method === 'string') return m.method + id + methodDetail(m.method, m.params);
    var error = obj(m.error);
    if (error)
      return 'error' + id + ' ' + JSON.stringify(error.code) + ': ' + String(error.message === undefined || error.message === null ? '' : error.message);
    if ('result' in m) return 'result' + id;
    return JSON.stringify(m);
  }
  function label(message) { return visible(cut(describeMessage(message).replace(/\s+/g, ' '), LABEL_CAP, '')); }
  function make(tag, attrs, text, svg) {
    var el = svg ? document.createElementNS(document.querySelector('svg').namespaceURI, tag) : document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function withJsonrpc(m) {
    var out = { jsonrpc: '2.0' };
    Object.keys(m).forEach(function (k) {
      Object.defineProperty(out, k, { value: m[k], enumerable: true, writable: true, configurable: true });
    });
    return out;
  }
  function event(row) {
    var only = (row[4] & MESSAGE_ONLY) !== 0;
    var message = only && (row[4] & JSONRPC_2) && obj(row[5]) ? withJsonrpc(row[5]) : row[5];
    var named = typeof row[5] === 'number' && !only ? data().labels[row[5]] : row[5];
    return {
      seq: Number(row[0]), t: Number(row[1]), lane: LANES[row[2]] ? row[2] : 3, mark: MARKS[row[3]] || 'bad',
      evd: (row[4] & EVIDENCE) !== 0, text: (row[4] & TEXT_BODY) !== 0,
      label: only ? label(message) : String(named), hasBody: only || row.length > 6, body: only ? message : row[6],
    };
  }
  function isCancel(e) { return e.lane === 0 && e.mark === 'cancel'; }
  function item(cls, text) {
    var li = make('li');
    li.appendChild(make('i', { class: cls }));
    li.appendChild(document.createTextNode(text));
    return li;
  }
  function timeline(d, rid, events) {
    var end = Number(d.end) || 1;
    var wins = d.win.map(function (w) {
      var own = events.filter(function (e) { return e.seq === w[2]; })[0];
      return [Number(w[0]), Number(w[1]), own ? own.label : ''];
    });
    var cancels = events.filter(isCancel);
    var tl = make('div', { class: 'tl' });
    var ann = make('svg', { class: 'tl-ann', width: '100%', height: '28', 'aria-hidden': 'true' }, undefined, true);
    if (cancels.length <= LABEL_LIMIT) cancels.forEach(function (c) {
      ann.appendChild(make('text', { class: 'an cx-l', x: pct(c.t, end), dx: '4', y: '12' }, c.label.replace('notifications/cancelled', 'cancel'), true));
    });
    if (wins.length <= LABEL_LIMIT) wins.forEach(function (w) {
      if ((w[1] - w[0]) / end < 0.15) return;
      ann.appendChild(make('text', { class: 'an win-l', x: pct(w[1], end), dx: '-4', y: '12', 'text-anchor': 'end' }, 'watched ' + ms(w[1] - w[0]), true));
    });
    events.forEach(function (e) {
      if (e.evd) ann.appendChild(make('text', { class: 'an evd-l', x: pct(e.t, end), dx: '2', y: '25', 'text-anchor': 'middle' }, '▼', true));
    });
    tl.appendChild(make('div', { class: 'tl-l' }));
    tl.appendChild(ann);
    LANES.forEach(function (name, lane) {
      var mine = events.filter(function (e) { return e.lane === lane; });
      if (lane > 1 && mine.length === 0) return;
      var svg = make('svg', { class: 'tl-lane', width: '100%', height: '26' }, undefined, true);
      wins.forEach(function (w) {
        var r = make('rect', { class: 'win', x: pct(w[0], end), width: Math.max(0.2, ((w[1] - w[0]) / end) * 99).toFixed(2) + '%', y: '0', height: '100%' }, undefined, true);
        r.appendChild(make('title', null, String(w[2]), true));
        svg.appendChild(r);
      });
      if (cancels.length <= LINE_LIMIT) cancels.forEach(function (c) {
        svg.appendChild(make('line', { class: 'cx', x1: pct(c.t, end), x2: pct(c.t, end), y1: '0', y2: '100%' }, undefined, true));
      });
      mine.forEach(function (e) {
        var strong = e.evd || isCancel(e);
        var a = make('a', { href: '#' + rid + '-e' + e.seq }, undefined, true);
        var r = make('rect', {
          class: 'm k-' + e.mark + (e.evd ? ' evd' : '') + (strong ? ' big' : ''), x: pct(e.t, end),
          y: strong ? '2' : '6', width: strong ? '5' : '3', height: strong ? '22' : '14',
        }, undefined, true);
        r.appendChild(make('title', null, e.t.toFixed(1) + ' ms · ' + name + ' · ' + e.label + (e.evd ? ' · evidence' : ''), true));
        a.appendChild(r);
        svg.appendChild(a);
      });
      tl.appendChild(make('div', { class: 'tl-l' }, name));
      tl.appendChild(svg);
    });
    var extra = make('ul', { class: 'legend' });
    taskLanes(d, end, cancels, tl, extra);
    samples(d, end, cancels, tl, extra, events);
    var axis = make('svg', { class: 'tl-axis', width: '100%', height: '22', 'aria-hidden': 'true' }, undefined, true);
    var step = niceCeil(end) / 5;
    for (var v = 0; v <= end + 1e-9; v += step) {
      var x = pct(v, end);
      var anchor = v === 0 ? 'start' : v + step > end && (end - v) / end < 0.05 ? 'end' : 'middle';
      axis.appendChild(make('line', { class: 'grid', x1: x, x2: x, y1: '0', y2: '5' }, undefined, true));
      axis.appendChild(make('text', { class: 'tick', x: x, y: '17', 'text-anchor': anchor }, ms(v), true));
    }
    tl.appendChild(make('div', { class: 'tl-l' }));
    tl.appendChild(axis);
    var legend = make('ul', { class: 'legend' });
    var marks = [];
    events.forEach(function (e) { if (marks.indexOf(e.mark) < 0) marks.push(e.mark); });
    var lines = cancels.length > 0 && cancels.length <= LINE_LIMIT;
    marks.forEach(function (m) {
      legend.appendChild(item('sw k-' + m, MARK_LABEL[m] + (m === 'cancel' && lines ? ' (dashed line: sent by the client)' : '')));
    });
    if (wins.length) legend.appendChild(item('sw win-sw', 'silence window (watched for messages that must not come)'));
    if (events.some(function (e) { return e.evd; })) legend.appendChild(item('sw evd-sw', '▼ evidence for the verdict'));
    var frag = document.createDocumentFragment();
    frag.appendChild(tl);
    frag.appendChild(legend);
    if (extra.childNodes.length) frag.appendChild(extra);
    return frag;
  }
  function list(d, rid, ol) {
    d.ev.forEach(function (row) {
      if (typeof row === 'number') {
        ol.appendChild(make('li', { class: 'gap' }, '… ' + row + ' events not shown …'));
        return;
      }
      var e = event(row);
      var li = make('li', { id: rid + '-e' + e.seq, class: 'er' + (e.evd ? ' is-evd' : '') + (isCancel(e) ? ' is-cx' : '') });
      var head = make(e.hasBody ? 'summary' : 'div', e.hasBody ? null : { class: 'es' });
      head.appendChild(make('span', { class: 'et' }, e.t.toFixed(1)));
      head.appendChild(make('span', { class: 'el' }, LANES[e.lane]));
      head.appendChild(make('i', { class: 'sw k-' + e.mark }));
      head.appendChild(make('span', { class: 'ed' }, e.label));
      if (e.evd) head.appendChild(make('span', { class: 'etag' }, 'evidence'));
      if (e.hasBody) {
        var body = e.text ? String(e.body) : visible(cut(pretty(e.body, '', 0), BODY_CAP, '; the JSON report has it all'));
        var det = make('details');
        det.appendChild(head);
        det.appendChild(make('pre', null, body));
        li.appendChild(det);
      } else li.appendChild(head);
      ol.appendChild(li);
    });
  }
  function note(parts) {
    var p = make('p', { class: 'note' });
    parts.forEach(function (x, i) { p.appendChild(i % 2 ? make('code', null, x) : document.createTextNode(x)); });
    return p;
  }
  function details(rid, title, count) {
    var d = make('details', { class: 'sub', 'data-tx': rid });
    var s = make('summary', null, title + ' ');
    s.appendChild(make('span', { class: 'muted' }, count));
    d.appendChild(s);
    return d;
  }
  function shell(box) {
    var rid = box.getAttribute('data-tx') || '';
    var d = transcript(rid);
    if (!d || box.childNodes.length) return;
    var total = Number(d.n), shown = d.ev.filter(function (row) { return typeof row !== 'number'; }).length;
    var tl = details(rid, 'Timeline', '· ' + total + ' events over ' + ms(Number(d.last === undefined ? d.end : d.last)));
    if (d.of)
      tl.appendChild(note(['The report keeps ' + total + ' of the ' + d.of + ' events recorded for this result, the ones that show its verdict. A run with ', '--full-transcripts', ' keeps them all.']));
    if (shown < total)
      tl.appendChild(note(['Showing ' + shown + ' of ' + total + ' events: the evidence, every cancel, note and client message first, then the rest in order. The JSON report holds them all.']));
    if (d.drop)
      tl.appendChild(note(['The session produced ' + d.drop + ' more events than a transcript keeps; they were not recorded.']));
    tl.appendChild(make('div', { class: 'tl-slot' }));
    var list = details(rid, 'Messages', '· ' + shown + (shown < total ? ' of ' + total : '') + ', times in ms');
    list.appendChild(make('ol', { class: 'events' }));
    box.appendChild(tl);
    box.appendChild(list);
    var lines = typeof d.err === 'number' ? data().err[d.err] : null;
    if (Array.isArray(lines) && lines.length) {
      var err = details(rid, 'stderr', '· last ' + lines.length + ' line' + (lines.length > 1 ? 's' : ''));
      err.removeAttribute('data-tx');
      err.appendChild(make('pre', { class: 'stderr' }, lines.join('\n')));
      box.appendChild(err);
    }
    if (d.open) tl.open = true;
  }
  function markdown(el, text) {
    var re = /\*\*(.+?)\*\*|\x60([^\x60]+)\x60/g, at = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > at) el.appendChild(document.createTextNode(text.slice(at, m.index)));
      if (m[1] !== undefined) { var strong = make('strong'); markdown(strong, m[1]); el.appendChild(strong); }
      else el.appendChild(make('code', null, m[2]));
      at = re.lastIndex;
    }
    if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
  }
  function body(box) {
    var rid = box.getAttribute('data-body') || '';
    var all = data(), c = own(all.cards, rid);
    if (!c || !Array.isArray(c.m) || box.hasAttribute('data-drawn')) return;
    box.setAttribute('data-drawn', '');
    var first = box.firstChild;
    var quote = make('blockquote', { class: 'quote' });
    quote.appendChild(make('div', { class: 'qcap' }, c.req ? 'Requirement' : 'Spec'));
    var p = make('p');
    markdown(p, String(all.quotes[c.q] || ''));
    quote.appendChild(p);
    var foot = make('footer', null, String(c.rev) + ' · ');
    var url = String(all.urls[c.u] || ''), text = url.replace(/^https:\/\//, '');
    var spec = c.a && /^https:\/\/modelcontextprotocol\.io\//.test(url);
    foot.appendChild(spec ? make('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, text) : make('span', { class: 'muted' }, text));
    quote.appendChild(foot);
    box.insertBefore(quote, first);
    if (c.m.length) {
      var table = make('table', { class: 'metrics' });
      table.appendChild(make('caption', null, 'Metrics'));
      c.m.forEach(function (x) {
        var tr = make('tr');
        tr.appendChild(make('th', { scope: 'row' }, String(x[0])));
        tr.appendChild(make('td', null, String(x[1])));
        table.appendChild(tr);
      });
      box.insertBefore(table, first);
    }
    box.insertBefore(make('p', { class: 'muted small' }, 'Checked in ' + String(c.took) + '.'), first);
  }
  function draw(rid) {
    var card = document.getElementById(rid);
    var d = transcript(rid);
    if (!card || !d || card.hasAttribute('data-drawn')) return;
    card.setAttribute('data-drawn', '');
    var events = d.ev.filter(function (row) { return typeof row !== 'number'; }).map(event);
    var slot = card.querySelector('.tl-slot');
    if (slot) slot.appendChild(timeline(d, rid, events));
    var ol = card.querySelector('ol.events');
    if (ol) list(d, rid, ol);
  }
`;

// Why: the task lanes (status history per task) and the process-sample charts are drawn only on pages
// whose data has them (script.ts), so a page without tasks or samples does not carry their code; in their
// place it has a function that draws nothing.
export const DRAW_TASKS = String.raw`
  var TASK_VIA = ${JSON.stringify(TASK_VIA)};
  var STATUSES = ['working', 'input_required', 'completed', 'failed', 'cancelled'];
  function taskLanes(d, end, cancels, tl, legend) {
    var lanes = Array.isArray(d.tsk) ? d.tsk.filter(function (l) { return obj(l) && Array.isArray(l.s) && Array.isArray(l.c); }) : [];
    lanes.forEach(function (l, n) {
      var pts = l.s.filter(function (p) { return Array.isArray(p) && isFinite(p[0]); });
      var svg = make('svg', { class: 'tl-lane', width: '100%', height: '26', role: 'img', 'aria-label': 'status of task ' + l.id + ': ' +
        (pts.map(function (p) { return String(p[1]) + ' at ' + ms(p[0]); }).join(', ') || 'none seen') }, undefined, true);
      pts.forEach(function (p, i) {
        var to = i + 1 < pts.length ? pts[i + 1][0] : end, st = String(p[1]);
        var r = make('rect', { class: 'tb st-' + (STATUSES.indexOf(st) < 0 ? 'other' : st), x: pct(p[0], end), y: '3', height: '20',
          width: Math.max(0.2, ((to - p[0]) / end) * 99).toFixed(2) + '%' }, undefined, true);
        r.appendChild(make('title', null, st + ' from ' + ms(p[0]) + (i + 1 < pts.length ? ' to ' + ms(to) : '') + ' (' + (TASK_VIA[p[2]] || '?') + ')', true));
        svg.appendChild(r);
      });
      pts.forEach(function (p, i) {
        svg.appendChild(make('rect', { class: 'tk', x: pct(p[0], end), y: '3', width: '1.5', height: '20' }, undefined, true));
        if (i === 0 || String(p[1]) !== String(pts[i - 1][1]))
          svg.appendChild(make('text', { class: 'tt', x: pct(p[0], end), dx: '3', y: '17' }, String(p[1]), true));
      });
      if (cancels.length <= LINE_LIMIT) cancels.forEach(function (c) {
        svg.appendChild(make('line', { class: 'cx', x1: pct(c.t, end), x2: pct(c.t, end), y1: '0', y2: '100%' }, undefined, true));
      });
      l.c.forEach(function (t) {
        var x = make('text', { class: 'tcx', x: pct(t, end), y: '14', dy: '4', 'text-anchor': 'middle' }, '✕', true);
        x.appendChild(make('title', null, ms(t) + ' · tasks/cancel of task ' + l.id, true));
        svg.appendChild(x);
      });
      tl.appendChild(make('div', { class: 'tl-l', title: 'task ' + l.id }, 'task' + (lanes.length > 1 ? ' ' + (n + 1) : '')));
      tl.appendChild(svg);
    });
    if (!lanes.length) return;
    legend.appendChild(item('sw st-working', 'task status: a band from each status the server gave (its answers and status notifications; named where it changes, a tick per answer) to the next'));
    if (lanes.some(function (l) { return l.c.length; })) legend.appendChild(item('tcx-k', '✕ tasks/cancel sent'));
  }
`;
export const NO_TASKS = '\n  function taskLanes() {}';

export const DRAW_SAMPLES = String.raw`
  var GLYPH_LIMIT = ${GLYPH_LIMIT}, SERIES = ${JSON.stringify(SERIES)};
  function snug(v) { var s = v > 0 ? Math.pow(10, Math.floor(Math.log10(v))) / 2 : 1; return Math.ceil(v / s) * s || 1; }
  function sampleRows(d) {
    if (!Array.isArray(d.smp)) return [];
    return d.smp.filter(function (x) {
      return Array.isArray(x) && x.length === 6 && x.every(function (v) { return typeof v === 'number' && isFinite(v); });
    });
  }
  function samplePanel(rows, end, cancels, panel, p, exits) {
    var H = 64, top = 12, bottom = H - 6, max = 0;
    panel.s.forEach(function (s) { rows.forEach(function (x) { max = Math.max(max, x[s[0]]); }); });
    var ceil = snug(max);
    var y = function (v) { return (bottom - (v / ceil) * (bottom - top)).toFixed(1); };
    var svg = make('svg', { class: 'tl-lane tl-smp', width: '100%', height: String(H), role: 'img', 'aria-label': panel.what + ': ' + panel.s.map(function (s) {
      return s[1] + ' ' + rows[0][s[0]] + ' to ' + rows[rows.length - 1][s[0]];
    }).join(', ') + ' over ' + rows.length + ' samples' }, undefined, true);
    svg.appendChild(make('line', { class: 'grid', x1: '0', x2: '100%', y1: y(ceil), y2: y(ceil) }, undefined, true));
    svg.appendChild(make('text', { class: 'tick', x: '99.5%', y: '9', 'text-anchor': 'end' }, '0–' + (panel.unit ? ms(ceil) : String(ceil)), true));
    if (cancels.length <= LINE_LIMIT) cancels.forEach(function (c) {
      svg.appendChild(make('line', { class: 'cx', x1: pct(c.t, end), x2: pct(c.t, end), y1: '0', y2: '100%' }, undefined, true));
    });
    var every = Math.ceil(rows.length / GLYPH_LIMIT);
    panel.s.forEach(function (s, k) {
      for (var i = 1; i < rows.length; i++) {
        var a = rows[i - 1], b = rows[i];
        if (exits.some(function (t) { return t >= a[0] && t <= b[0]; })) continue;
        var seg = { class: 'sl s' + p + k, x1: pct(a[0], end), x2: pct(b[0], end), y1: y(a[s[0]]), y2: y(b[s[0]]) };
        if (s[3]) seg['stroke-dasharray'] = s[3];
        svg.appendChild(make('line', seg, undefined, true));
      }
      rows.forEach(function (x, i) {
        if (i % every && i !== rows.length - 1) return;
        var g = make('text', { class: 'sg s' + p + k, x: pct(x[0], end), y: y(x[s[0]]), dy: '3.5', 'text-anchor': 'middle' }, s[2], true);
        g.appendChild(make('title', null, x[0].toFixed(1) + ' ms · ' + s[1] + ' ' + (panel.unit ? ms(x[s[0]]) : x[s[0]]) +
          (p === 0 ? ' · ' + (x[2] / 1024).toFixed(1) + ' MB resident' : ''), true));
        svg.appendChild(g);
      });
    });
    return svg;
  }
  function samples(d, end, cancels, tl, legend, events) {
    var rows = sampleRows(d);
    if (!rows.length) return;
    var exits = events.filter(function (e) { return e.mark === 'exit'; }).map(function (e) { return e.t; });
    SERIES.forEach(function (panel, p) {
      tl.appendChild(make('div', { class: 'tl-l', title: panel.what }, panel.lane));
      tl.appendChild(samplePanel(rows, end, cancels, panel, p, exits));
      panel.s.forEach(function (s, k) {
        var first = rows[0][s[0]], last = rows[rows.length - 1][s[0]];
        var li = make('li');
        li.appendChild(make('b', { class: 'sg-k s' + p + k }, s[2] + ' '));
        li.appendChild(document.createTextNode(s[1] + (s[4] ? ' (' + s[4] + ')' : '') + ': ' +
          (panel.unit ? ms(first) + ' → ' + ms(last) : first + ' → ' + last)));
        legend.appendChild(li);
      });
    });
    legend.appendChild(item('sw', rows.length + ' sample' + (rows.length > 1 ? 's' : '') + ' of the process tree (operating system), each point at its time' +
      (exits.length ? '; no line across the end of a target (the next samples are of a fresh one)' : '')));
  }
`;
export const NO_SAMPLES = '\n  function samples() {}';
