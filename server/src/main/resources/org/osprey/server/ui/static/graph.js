// The expression browser: several panels, each with a query box (autocomplete, history), a Table
// tab (instant query) and a Graph tab (range query drawn with uPlot: range, end and resolution
// pickers, stacked mode, legend with hover values). All panel state lives in the URL.
import {api, el, errorBox, formatLabels} from './api.js';
import {attachAutocomplete} from './autocomplete.js';
import {parseDuration, formatDuration} from './durations.js';

const HISTORY_KEY = 'osprey.queryHistory';
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

function readPanels() {
  const p = new URLSearchParams(location.search);
  const panels = [];
  for (let i = 0; p.has(`g${i}.expr`) || p.has(`g${i}.tab`); i++) {
    panels.push({
      expr: p.get(`g${i}.expr`) || '',
      tab: p.get(`g${i}.tab`) === '0' ? 'graph' : 'table',
      range: p.get(`g${i}.range_input`) || '1h',
      end: p.get(`g${i}.end_input`) || '',
      step: p.get(`g${i}.step_input`) || '',
      stacked: p.get(`g${i}.stacked`) === '1',
    });
  }
  return panels.length ? panels : [newPanelState()];
}

function newPanelState() {
  return {expr: '', tab: 'table', range: '1h', end: '', step: '', stacked: false};
}

function writePanels(panels) {
  const p = new URLSearchParams();
  panels.forEach((s, i) => {
    p.set(`g${i}.expr`, s.expr);
    p.set(`g${i}.tab`, s.tab === 'graph' ? '0' : '1');
    p.set(`g${i}.stacked`, s.stacked ? '1' : '0');
    p.set(`g${i}.range_input`, s.range);
    if (s.end) p.set(`g${i}.end_input`, s.end);
    if (s.step) p.set(`g${i}.step_input`, s.step);
  });
  history.replaceState(null, '', location.pathname + '?' + p.toString());
}

function rememberQuery(expr) {
  if (!expr.trim()) return;
  let h = [];
  try { h = JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]'); } catch (e) { h = []; }
  h = [expr, ...h.filter(x => x !== expr)].slice(0, 50);
  localStorage.setItem(HISTORY_KEY, JSON.stringify(h));
}

function queryHistory() {
  try { return JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]'); } catch (e) { return []; }
}

function endTime(state) {
  if (!state.end) return Date.now() / 1000;
  const t = Date.parse(state.end);
  return isNaN(t) ? Date.now() / 1000 : t / 1000;
}

export function renderGraphPage(root) {
  const panels = readPanels();
  const container = el('div', {class: 'panels'});
  const addBtn = el('button', {id: 'add-panel', class: 'btn', onclick: () => {
    panels.push(newPanelState());
    container.append(buildPanel(panels, panels.length - 1, container));
    writePanels(panels);
  }}, 'Add panel');
  root.replaceChildren(container, addBtn);
  panels.forEach((_, i) => container.append(buildPanel(panels, i, container)));
  writePanels(panels);
}

function buildPanel(panels, index, container) {
  const state = panels[index];
  const input = el('textarea', {class: 'expr-input', rows: 1, placeholder: 'Expression (press Shift+Enter for newlines)',
    spellcheck: 'false', autocomplete: 'off'});
  input.value = state.expr;
  const body = el('div', {class: 'panel-body'});
  const messages = el('div', {class: 'panel-messages'});
  const stats = el('div', {class: 'panel-stats'});
  const historyList = el('ul', {class: 'history-list', hidden: true});
  const panel = el('div', {class: 'panel'});

  const rangeInput = el('input', {class: 'range-input', value: state.range, size: 6, title: 'Range'});
  const endInput = el('input', {class: 'end-input', type: 'datetime-local', step: 1, value: state.end, title: 'End time (empty: now)'});
  const stepInput = el('input', {class: 'step-input', value: state.step, size: 6, placeholder: 'auto', title: 'Resolution (step)'});
  const stackedBox = el('input', {class: 'stacked-input', type: 'checkbox'});
  stackedBox.checked = state.stacked;

  const tabTable = el('button', {class: 'tab tab-table', onclick: () => switchTab('table')}, 'Table');
  const tabGraph = el('button', {class: 'tab tab-graph', onclick: () => switchTab('graph')}, 'Graph');
  const graphControls = el('div', {class: 'graph-controls'},
    el('button', {class: 'btn range-minus', title: 'Shrink range', onclick: () => stepRange(-1)}, '−'),
    rangeInput,
    el('button', {class: 'btn range-plus', title: 'Grow range', onclick: () => stepRange(1)}, '+'),
    el('label', {}, ' res. ', stepInput, ' s'),
    el('label', {class: 'stacked-label'}, stackedBox, ' stacked'));

  function sync() {
    state.expr = input.value;
    state.range = rangeInput.value;
    state.end = endInput.value;
    state.step = stepInput.value;
    state.stacked = stackedBox.checked;
    writePanels(panels);
  }
  function switchTab(tab) {
    state.tab = tab;
    sync();
    tabTable.classList.toggle('active', tab === 'table');
    tabGraph.classList.toggle('active', tab === 'graph');
    graphControls.hidden = tab !== 'graph';
    if (state.expr.trim()) execute();
    else body.replaceChildren();
  }
  const STEPS = [60, 300, 900, 1800, 3600, 7200, 21600, 43200, 86400, 172800, 604800, 1209600, 2419200];
  function stepRange(dir) {
    const cur = parseDuration(rangeInput.value) || 3600;
    let next = cur;
    if (dir > 0) next = STEPS.find(s => s > cur) || cur * 2;
    else next = [...STEPS].reverse().find(s => s < cur) || Math.max(1, Math.floor(cur / 2));
    rangeInput.value = formatDuration(next);
    sync();
    execute();
  }
  [rangeInput, endInput, stepInput].forEach(i => i.addEventListener('change', () => { sync(); execute(); }));
  stackedBox.addEventListener('change', () => { sync(); execute(); });
  input.addEventListener('input', () => { state.expr = input.value; writePanels(panels); });

  async function execute() {
    sync();
    const expr = input.value.trim();
    messages.replaceChildren();
    stats.textContent = '';
    if (!expr) return;
    rememberQuery(expr);
    const started = performance.now();
    body.classList.add('loading');
    try {
      if (state.tab === 'table') {
        const res = await api('query', {query: expr, time: state.end ? endTime(state) : undefined}, 'POST');
        showWarnings(res.warnings);
        body.replaceChildren(renderTable(res.data));
        stats.textContent = `Load time: ${Math.round(performance.now() - started)}ms   Result series: ${resultCount(res.data)}`;
      } else {
        const range = parseDuration(state.range);
        if (!range) throw new Error(`invalid range "${state.range}"`);
        const end = endTime(state);
        const start = end - range;
        let step = state.step ? parseFloat(state.step) : Math.max(Math.floor(range / 250), 1);
        if (!(step > 0)) throw new Error(`invalid resolution "${state.step}"`);
        const res = await api('query_range', {query: expr, start, end, step}, 'POST');
        showWarnings(res.warnings);
        body.replaceChildren(renderGraph(res.data, start, end, step, state.stacked, panel));
        stats.textContent = `Load time: ${Math.round(performance.now() - started)}ms   Resolution: ${step}s   Result series: ${resultCount(res.data)}`;
      }
    } catch (err) {
      messages.replaceChildren(errorBox(err));
      body.replaceChildren();
    } finally {
      body.classList.remove('loading');
    }
  }
  function showWarnings(ws) {
    for (const w of ws) messages.append(el('div', {class: 'warning'}, 'Warning: ' + w));
  }

  const exprWrap = el('div', {class: 'expr-wrap'}, input);
  attachAutocomplete(input, execute); // after wrapping: the dropdown is inserted next to the input
  const historyBtn = el('button', {class: 'btn history-btn', title: 'Query history', onclick: () => {
    const h = queryHistory();
    historyList.replaceChildren(...(h.length ? h : ['(no queries yet)']).map(q => el('li', {class: 'history-item', onclick: () => {
      if (!h.length) return;
      input.value = q;
      historyList.hidden = true;
      execute();
    }}, q)));
    historyList.hidden = !historyList.hidden;
  }}, 'History');
  const removeBtn = el('button', {class: 'btn remove-panel', title: 'Remove panel', onclick: () => {
    const i = panels.indexOf(state);
    if (i >= 0) panels.splice(i, 1);
    panel.remove();
    writePanels(panels);
  }}, '×');

  panel.append(
    el('div', {class: 'expr-row'}, exprWrap, el('button', {class: 'btn primary execute-btn', onclick: execute}, 'Execute'), historyBtn, removeBtn),
    historyList,
    el('div', {class: 'tabs'}, tabTable, tabGraph),
    el('div', {class: 'time-controls'}, el('label', {}, 'Evaluation / end time ', endInput,
      el('button', {class: 'btn now-btn', title: 'Use the current time', onclick: () => { endInput.value = ''; sync(); execute(); }}, 'now'))),
    graphControls, messages, stats, body);
  tabTable.classList.toggle('active', state.tab === 'table');
  tabGraph.classList.toggle('active', state.tab === 'graph');
  graphControls.hidden = state.tab !== 'graph';
  if (state.expr.trim()) setTimeout(execute, 0);
  return panel;
}

function resultCount(data) {
  if (data.resultType === 'vector' || data.resultType === 'matrix') return data.result.length;
  return 1;
}

function renderTable(data) {
  const table = el('table', {class: 'data-table'});
  const tbody = el('tbody');
  table.append(el('thead', {}, el('tr', {}, el('th', {}, 'Series'), el('th', {}, 'Value'))), tbody);
  const t = data.resultType;
  if (t === 'vector') {
    if (!data.result.length) tbody.append(el('tr', {class: 'empty'}, el('td', {colspan: 2}, 'Empty query result')));
    for (const s of data.result) {
      tbody.append(el('tr', {class: 'result-row'}, el('td', {class: 'series'}, formatLabels(s.metric)), el('td', {class: 'value'}, s.value[1])));
    }
  } else if (t === 'matrix') {
    if (!data.result.length) tbody.append(el('tr', {class: 'empty'}, el('td', {colspan: 2}, 'Empty query result')));
    for (const s of data.result) {
      const vals = s.values.map(([ts, v]) => `${v} @${ts}`).join('\n');
      tbody.append(el('tr', {class: 'result-row'}, el('td', {class: 'series'}, formatLabels(s.metric)), el('td', {class: 'value pre'}, vals)));
    }
  } else {
    tbody.append(el('tr', {class: 'result-row'}, el('td', {class: 'series'}, t), el('td', {class: 'value'}, data.result[1])));
  }
  return table;
}

function parseValue(s) {
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  return parseFloat(s);
}

function renderGraph(data, start, end, step, stacked, panel) {
  if (data.resultType !== 'matrix') {
    return el('div', {class: 'warning'}, `Graphs need a range vector result; this query returns a ${data.resultType}.`);
  }
  if (!data.result.length) return el('div', {class: 'empty'}, 'Empty query result');
  const n = Math.floor((end - start) / step) + 1;
  const xs = new Array(n);
  for (let i = 0; i < n; i++) xs[i] = start + i * step;
  const index = new Map(xs.map((x, i) => [Math.round(x * 1000), i]));
  const ys = data.result.map(s => {
    const arr = new Array(n).fill(null);
    for (const [ts, v] of s.values) {
      const i = index.get(Math.round(ts * 1000));
      if (i !== undefined) arr[i] = parseValue(v);
    }
    return arr;
  });
  const plotted = stacked ? stack(ys) : ys;
  const series = [{}].concat(data.result.map((s, i) => ({
    label: formatLabels(s.metric),
    stroke: PALETTE[i % PALETTE.length],
    fill: stacked ? PALETTE[i % PALETTE.length] + '55' : undefined,
    width: 1.5,
    spanGaps: false,
    value: (u, v, si, idx) => (idx == null || ys[si - 1][idx] == null) ? '—' : String(ys[si - 1][idx]),
  })));
  const wrap = el('div', {class: 'graph-area'});
  const width = Math.max(300, (panel.clientWidth || 900) - 20);
  const opts = {width, height: 320, series, scales: {x: {time: true}}, legend: {show: true, live: true},
    cursor: {points: {size: 6}}, axes: [{}, {size: 70}]};
  // eslint-disable-next-line no-undef
  const plot = new uPlot(opts, [xs, ...plotted], wrap);
  wrap.uplot = plot;
  return wrap;
}

function stack(ys) {
  const out = [];
  const acc = new Array(ys[0].length).fill(0);
  for (const y of ys) {
    out.push(y.map((v, i) => (v == null ? null : (acc[i] += v))));
  }
  return out;
}
