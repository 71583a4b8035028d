// Osprey web UI entry: picks the page from the path; no build step, plain ES modules.
import {renderGraphPage} from './graph.js';
import {renderTargets, renderServiceDiscovery, renderRules, renderAlerts, renderStatus, renderFlags, renderConfig,
  renderTsdbStatus} from './pages.js';

const PAGES = {
  '/graph': ['graph', renderGraphPage],
  '/query': ['graph', renderGraphPage],
  '/targets': ['targets', renderTargets],
  '/service-discovery': ['service-discovery', renderServiceDiscovery],
  '/rules': ['rules', renderRules],
  '/alerts': ['alerts', renderAlerts],
  '/status': ['status', renderStatus],
  '/flags': ['flags', renderFlags],
  '/config': ['config', renderConfig],
  '/tsdb-status': ['tsdb-status', renderTsdbStatus],
};

const [name, render] = PAGES[location.pathname] || PAGES['/graph'];
document.querySelectorAll('#nav a[data-page]').forEach(a => a.classList.toggle('active', a.dataset.page === name));
document.body.dataset.page = name;
render(document.getElementById('page'));
