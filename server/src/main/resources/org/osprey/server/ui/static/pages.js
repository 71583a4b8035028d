// Read-only pages: Targets, Service discovery, Rules, Alerts, Status, TSDB status, Flags, Config.
// Each fetches its API endpoint and shows any API error to the person.
import {api, el, errorBox, formatLabels, ago, labelBadges} from './api.js';

async function load(root, title, path, params, render) {
  root.replaceChildren(el('h1', {}, title), el('div', {class: 'loading'}, 'Loading…'));
  try {
    const res = await api(path, params);
    const content = render(res.data);
    root.replaceChildren(el('h1', {}, title), ...res.warnings.map(w => el('div', {class: 'warning'}, w)), content);
  } catch (err) {
    root.replaceChildren(el('h1', {}, title), errorBox(err));
  }
}

function kvTable(obj, cls) {
  return el('table', {class: 'kv-table ' + (cls || '')}, el('tbody', {},
    Object.entries(obj).map(([k, v]) => el('tr', {}, el('th', {}, k), el('td', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))))));
}

export function renderTargets(root) {
  load(root, 'Targets', 'targets', {state: 'active'}, (data) => {
    const byPool = new Map();
    for (const t of data.activeTargets) {
      if (!byPool.has(t.scrapePool)) byPool.set(t.scrapePool, []);
      byPool.get(t.scrapePool).push(t);
    }
    if (!byPool.size) return el('p', {class: 'empty'}, 'No active targets.');
    return el('div', {}, [...byPool.entries()].map(([pool, ts]) => {
      const up = ts.filter(t => t.health === 'up').length;
      return el('section', {class: 'pool', 'data-pool': pool},
        el('h2', {}, `${pool} (${up}/${ts.length} up)`),
        el('table', {class: 'targets-table'},
          el('thead', {}, el('tr', {}, ['Endpoint', 'State', 'Labels', 'Last scrape', 'Scrape duration', 'Error'].map(h => el('th', {}, h)))),
          el('tbody', {}, ts.map(t => el('tr', {class: 'target-row'},
            el('td', {class: 'endpoint'}, el('a', {href: t.scrapeUrl}, t.scrapeUrl)),
            el('td', {}, el('span', {class: 'health health-' + t.health}, t.health.toUpperCase())),
            el('td', {}, labelBadges(t.labels), el('details', {}, el('summary', {}, 'before relabeling'), labelBadges(t.discoveredLabels))),
            el('td', {}, ago(t.lastScrape)),
            el('td', {}, t.lastScrapeDuration ? (t.lastScrapeDuration * 1000).toFixed(1) + 'ms' : '—'),
            el('td', {class: 'target-error'}, t.lastError || ''))))));
    }));
  });
}

export function renderServiceDiscovery(root) {
  load(root, 'Service discovery', 'targets', {}, (data) => {
    const pools = new Map();
    const add = (pool, row) => { if (!pools.has(pool)) pools.set(pool, []); pools.get(pool).push(row); };
    for (const t of data.activeTargets) add(t.scrapePool, {discovered: t.discoveredLabels, target: t.labels});
    for (const t of data.droppedTargets) add(t.scrapePool || t.discoveredLabels.job || '(dropped)', {discovered: t.discoveredLabels, target: null});
    if (!pools.size) return el('p', {class: 'empty'}, 'No discovered targets.');
    return el('div', {}, [...pools.entries()].map(([pool, rows]) => el('section', {class: 'pool'},
      el('h2', {}, `${pool} (${rows.filter(r => r.target).length} / ${rows.length} active targets)`),
      el('table', {class: 'sd-table'},
        el('thead', {}, el('tr', {}, el('th', {}, 'Discovered labels'), el('th', {}, 'Target labels'))),
        el('tbody', {}, rows.map(r => el('tr', {}, el('td', {}, labelBadges(r.discovered)),
          el('td', {}, r.target ? labelBadges(r.target) : el('span', {class: 'dropped'}, 'Dropped')))))))));
  });
}

export function renderRules(root) {
  load(root, 'Rules', 'rules', {}, (data) => {
    if (!data.groups.length) return el('p', {class: 'empty'}, 'No rule groups configured.');
    return el('div', {}, data.groups.map(g => el('section', {class: 'rule-group'},
      el('h2', {}, `${g.name} `, el('small', {}, `${g.file} — every ${g.interval}s, last evaluation ${ago(g.lastEvaluation)}, took ${(g.evaluationTime * 1000).toFixed(2)}ms`)),
      el('table', {class: 'rules-table'},
        el('thead', {}, el('tr', {}, ['Rule', 'State', 'Error', 'Last evaluation', 'Evaluation time'].map(h => el('th', {}, h)))),
        el('tbody', {}, g.rules.map(r => el('tr', {class: 'rule-row'},
          el('td', {}, el('pre', {class: 'rule-def'}, (r.type === 'alerting' ? `alert: ${r.name}` : `record: ${r.name}`) + `\nexpr: ${r.query}`
            + (r.duration ? `\nfor: ${r.duration}s` : '') + (Object.keys(r.labels || {}).length ? `\nlabels: ${formatLabels(r.labels, false)}` : ''))),
          el('td', {}, el('span', {class: 'health health-' + r.health}, r.health.toUpperCase())),
          el('td', {}, r.lastError || ''),
          el('td', {}, ago(r.lastEvaluation)),
          el('td', {}, (r.evaluationTime * 1000).toFixed(2) + 'ms'))))))));
  });
}

export function renderAlerts(root) {
  load(root, 'Alerts', 'rules', {type: 'alert'}, (data) => {
    const rules = data.groups.flatMap(g => g.rules.map(r => ({...r, group: g.name})));
    if (!rules.length) return el('p', {class: 'empty'}, 'No alerting rules configured.');
    const counts = {inactive: 0, pending: 0, firing: 0};
    rules.forEach(r => counts[r.state] = (counts[r.state] || 0) + 1);
    return el('div', {},
      el('p', {class: 'alert-counts'}, `Inactive (${counts.inactive})  Pending (${counts.pending})  Firing (${counts.firing})`),
      rules.map(r => el('details', {class: 'alert-rule alert-' + r.state, open: r.state !== 'inactive'},
        el('summary', {}, el('span', {class: 'state state-' + r.state}, r.state.toUpperCase()), ` ${r.name} (${r.alerts.length} active) — ${r.group}`),
        el('pre', {}, `expr: ${r.query}\nfor: ${r.duration}s`),
        r.alerts.length ? el('table', {class: 'alerts-table'},
          el('thead', {}, el('tr', {}, ['Labels', 'State', 'Active since', 'Value', 'Annotations'].map(h => el('th', {}, h)))),
          el('tbody', {}, r.alerts.map(a => el('tr', {},
            el('td', {}, labelBadges(a.labels)), el('td', {}, a.state), el('td', {}, `${a.activeAt} (${ago(a.activeAt)})`),
            el('td', {}, a.value), el('td', {}, labelBadges(a.annotations)))))) : null)));
  });
}

export async function renderStatus(root) {
  root.replaceChildren(el('h1', {}, 'Status'));
  for (const [title, path] of [['Runtime information', 'status/runtimeinfo'], ['Build information', 'status/buildinfo'], ['Alertmanagers', 'alertmanagers']]) {
    const section = el('section', {}, el('h2', {}, title));
    root.append(section);
    try {
      const res = await api(path);
      if (path === 'alertmanagers') {
        const urls = res.data.activeAlertmanagers.map(a => a.url);
        section.append(urls.length ? el('ul', {}, urls.map(u => el('li', {}, u))) : el('p', {class: 'empty'}, 'None configured.'));
      } else {
        section.append(kvTable(res.data, path.replace('/', '-')));
      }
    } catch (err) {
      section.append(errorBox(err));
    }
  }
}

export function renderFlags(root) {
  load(root, 'Command-line flags', 'status/flags', {}, (data) => kvTable(data, 'flags-table'));
}

export function renderConfig(root) {
  load(root, 'Configuration', 'status/config', {}, (data) => el('pre', {class: 'config-yaml'}, data.yaml));
}

export function renderTsdbStatus(root) {
  load(root, 'TSDB status', 'status/tsdb', {}, (data) => {
    const h = data.headStats;
    const fmt = (t) => (t === 9223372036854775807 || t === -9223372036854775808 || t === undefined) ? 'n/a' : new Date(t).toISOString();
    const table = (title, rows, col) => el('section', {}, el('h2', {}, title), el('table', {class: 'card-table'},
      el('thead', {}, el('tr', {}, el('th', {}, 'Name'), el('th', {}, col))),
      el('tbody', {}, rows.map(r => el('tr', {}, el('td', {}, r.name), el('td', {}, String(r.value)))))));
    return el('div', {},
      el('section', {}, el('h2', {}, 'Head stats'), kvTable({
        'Number of series': h.numSeries, 'Number of chunks': h.chunkCount, 'Number of label pairs': h.numLabelPairs,
        'Current min time': fmt(h.minTime), 'Current max time': fmt(h.maxTime)}, 'head-stats')),
      table('Top 10 series count by metric names', data.seriesCountByMetricName, 'Count'),
      table('Top 10 label names with value count', data.labelValueCountByLabelName, 'Count'),
      table('Top 10 label names with high memory usage', data.memoryInBytesByLabelName, 'Bytes'),
      table('Top 10 series count by label value pairs', data.seriesCountByLabelValuePair, 'Count'));
  });
}
