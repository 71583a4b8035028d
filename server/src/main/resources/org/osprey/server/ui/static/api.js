// Thin client for Osprey's HTTP API v1: every failure becomes an Error whose message is the
// server's own error text, so pages can show it instead of swallowing it.
export class ApiError extends Error {
  constructor(message, type, status) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

export async function api(path, params = {}, method = 'GET') {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) v.forEach(x => qs.append(k, x));
    else if (v !== undefined && v !== null && v !== '') qs.append(k, v);
  }
  let resp;
  try {
    if (method === 'POST') {
      resp = await fetch('/api/v1/' + path, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: qs.toString(),
      });
    } else {
      const q = qs.toString();
      resp = await fetch('/api/v1/' + path + (q ? '?' + q : ''));
    }
  } catch (e) {
    throw new ApiError('cannot reach the server: ' + e.message, 'network', 0);
  }
  let body;
  try {
    body = await resp.json();
  } catch (e) {
    throw new ApiError(`unexpected response (HTTP ${resp.status})`, 'internal', resp.status);
  }
  if (body.status !== 'success') {
    throw new ApiError(body.error || `HTTP ${resp.status}`, body.errorType || 'internal', resp.status);
  }
  return {data: body.data, warnings: body.warnings || []};
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export function errorBox(err) {
  const type = err.type ? `${err.type}: ` : '';
  return el('div', {class: 'error', role: 'alert'}, 'Error: ' + type + err.message);
}

export function formatLabels(labels, withName = true) {
  const name = withName ? (labels.__name__ || '') : '';
  const parts = Object.entries(labels).filter(([k]) => k !== '__name__')
    .map(([k, v]) => `${k}="${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  return name + (parts.length || !name ? `{${parts.join(', ')}}` : '');
}

export function ago(iso) {
  if (!iso || iso.startsWith('0001-')) return 'never';
  const s = (Date.now() - Date.parse(iso)) / 1000;
  if (s < 1) return 'just now';
  if (s < 60) return `${s.toFixed(1)}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${Math.floor(s % 60)}s ago`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m ago`;
}

export function labelBadges(labels) {
  return el('div', {class: 'labels'}, Object.entries(labels || {}).map(([k, v]) => el('span', {class: 'badge'}, `${k}="${v}"`)));
}
