// Prometheus duration text (1y2w3d4h5m6s7ms) to seconds and back, for the range and step pickers.
const UNITS = [['y', 31536000], ['w', 604800], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1], ['ms', 0.001]];

export function parseDuration(text) {
  const t = (text || '').trim();
  if (!t) return null;
  if (/^\d+(\.\d+)?$/.test(t)) return parseFloat(t);
  const re = /(\d+)(ms|y|w|d|h|m|s)/g;
  let total = 0, pos = 0, m;
  while ((m = re.exec(t)) !== null) {
    if (m.index !== pos) return null;
    total += parseInt(m[1], 10) * UNITS.find(u => u[0] === m[2])[1];
    pos = re.lastIndex;
  }
  return pos === t.length && pos > 0 ? total : null;
}

export function formatDuration(seconds) {
  if (seconds === 0) return '0s';
  let rest = Math.round(seconds * 1000) / 1000, out = '';
  for (const [u, s] of UNITS) {
    if ((u === 'y' || u === 'w') && rest % s !== 0) continue;
    const n = Math.floor(rest / s + 1e-9);
    if (n > 0) { out += n + u; rest = Math.round((rest - n * s) * 1000) / 1000; }
  }
  return out;
}
