// Autocomplete for the expression box: metric names, label names, label values (per label,
// fetched from the API on demand) and PromQL functions, aggregations and keywords.
import {api, el} from './api.js';

export const FUNCTIONS = ['abs', 'absent', 'absent_over_time', 'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh',
  'avg_over_time', 'ceil', 'changes', 'clamp', 'clamp_max', 'clamp_min', 'cos', 'cosh', 'count_over_time',
  'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'deg', 'delta', 'deriv', 'exp', 'floor',
  'histogram_avg', 'histogram_count', 'histogram_fraction', 'histogram_quantile', 'histogram_stddev',
  'histogram_stdvar', 'histogram_sum', 'hour', 'idelta', 'increase', 'irate', 'label_join', 'label_replace',
  'last_over_time', 'ln', 'log10', 'log2', 'mad_over_time', 'max_over_time', 'min_over_time', 'minute', 'month',
  'pi', 'predict_linear', 'present_over_time', 'quantile_over_time', 'rad', 'rate', 'resets', 'round', 'scalar',
  'sgn', 'sin', 'sinh', 'sort', 'sort_by_label', 'sort_by_label_desc', 'sort_desc', 'sqrt', 'stddev_over_time',
  'stdvar_over_time', 'sum_over_time', 'tan', 'tanh', 'time', 'timestamp', 'vector', 'year'];
export const AGGREGATIONS = ['sum', 'avg', 'min', 'max', 'count', 'group', 'stddev', 'stdvar', 'topk', 'bottomk',
  'quantile', 'count_values', 'limitk', 'limit_ratio'];
const KEYWORDS = ['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'and', 'or', 'unless'];

const cache = {metrics: null, labelNames: null, values: new Map()};

async function metricNames() {
  if (!cache.metrics) cache.metrics = api('label/__name__/values').then(r => r.data).catch(() => []);
  return cache.metrics;
}

async function labelNames() {
  if (!cache.labelNames) cache.labelNames = api('labels').then(r => r.data).catch(() => []);
  return cache.labelNames;
}

async function labelValues(name) {
  if (!cache.values.has(name)) {
    cache.values.set(name, api('label/' + encodeURIComponent(name) + '/values').then(r => r.data).catch(() => []));
  }
  return cache.values.get(name);
}

/** What is being typed at the caret: the word, and whether it is a label name, a label value or a term. */
export function context(text, caret) {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{');
  const close = before.lastIndexOf('}');
  if (open > close) {
    const inside = before.slice(open + 1);
    const valueMatch = inside.match(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"([^"]*)$/);
    if (valueMatch) return {kind: 'value', label: valueMatch[1], word: valueMatch[3]};
    const nameMatch = inside.match(/(?:^|,)\s*([a-zA-Z_][a-zA-Z0-9_]*)?$/);
    if (nameMatch) return {kind: 'label', word: nameMatch[1] || ''};
    return null;
  }
  const paren = before.lastIndexOf('(');
  const byMatch = before.match(/\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)$/);
  if (byMatch && paren > before.lastIndexOf(')')) {
    const w = byMatch[2].match(/([a-zA-Z_][a-zA-Z0-9_]*)?$/);
    return {kind: 'label', word: w[1] || ''};
  }
  const word = before.match(/([a-zA-Z_:][a-zA-Z0-9_:]*)$/);
  if (!word) return null;
  return {kind: 'term', word: word[1]};
}

export async function suggestions(text, caret) {
  const ctx = context(text, caret);
  if (!ctx) return {ctx: null, items: []};
  let items = [];
  if (ctx.kind === 'value') {
    items = (await labelValues(ctx.label)).map(v => ({text: v, kind: 'label value'}));
  } else if (ctx.kind === 'label') {
    items = (await labelNames()).filter(n => n !== '__name__').map(v => ({text: v, kind: 'label'}));
  } else {
    const w = ctx.word;
    if (!w) return {ctx, items: []};
    items = [
      ...FUNCTIONS.map(f => ({text: f, kind: 'function'})),
      ...AGGREGATIONS.map(f => ({text: f, kind: 'aggregation'})),
      ...KEYWORDS.map(f => ({text: f, kind: 'keyword'})),
      ...(await metricNames()).map(m => ({text: m, kind: 'metric'})),
    ];
  }
  const lw = ctx.word.toLowerCase();
  const matched = items.filter(i => i.text.toLowerCase().includes(lw) && i.text !== ctx.word);
  matched.sort((a, b) => (b.text.toLowerCase().startsWith(lw) - a.text.toLowerCase().startsWith(lw)) || a.text.localeCompare(b.text));
  return {ctx, items: matched.slice(0, 50)};
}

/** Wires a dropdown of suggestions to a textarea; Tab/Enter accept, arrows move, Escape closes. */
export function attachAutocomplete(input, onExecute) {
  const list = el('ul', {class: 'autocomplete', hidden: true});
  input.after(list);
  let items = [], selected = 0, current = null;

  function close() { list.hidden = true; items = []; }
  function render() {
    list.replaceChildren(...items.map((it, i) => el('li', {
      class: 'ac-item' + (i === selected ? ' selected' : ''),
      onmousedown: (e) => { e.preventDefault(); accept(i); },
    }, el('span', {class: 'ac-text'}, it.text), el('span', {class: 'ac-kind'}, it.kind))));
    list.hidden = items.length === 0;
  }
  function accept(i) {
    const it = items[i];
    if (!it || !current) return;
    const caret = input.selectionStart;
    const start = caret - current.ctx.word.length;
    let insert = it.text;
    if (it.kind === 'function' || it.kind === 'aggregation') insert += '(';
    input.value = input.value.slice(0, start) + insert + input.value.slice(caret);
    input.selectionStart = input.selectionEnd = start + insert.length;
    close();
    input.dispatchEvent(new Event('input'));
  }
  let seq = 0;
  input.addEventListener('input', async () => {
    const mine = ++seq;
    const res = await suggestions(input.value, input.selectionStart);
    if (mine !== seq) return;
    current = res;
    items = res.items;
    selected = 0;
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (!list.hidden && items.length) {
      if (e.key === 'ArrowDown') { selected = (selected + 1) % items.length; render(); e.preventDefault(); return; }
      if (e.key === 'ArrowUp') { selected = (selected - 1 + items.length) % items.length; render(); e.preventDefault(); return; }
      if (e.key === 'Tab' || (e.key === 'Enter' && !e.shiftKey)) { accept(selected); e.preventDefault(); return; }
      if (e.key === 'Escape') { close(); e.preventDefault(); return; }
    }
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); close(); onExecute(); }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}
