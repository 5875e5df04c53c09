// The operator's console: plain DOM and fetch against /api, refreshed on every status change the
// server pushes over SSE (/api/queue/events). Everything shown goes through textContent, never
// innerHTML, so a subject or address holding markup is shown as text.
'use strict';

const api = (path) => '/api/' + path;
let refreshTimer = null;

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}

function row(cells, attrs) {
  const tr = el('tr', null, attrs);
  cells.forEach((c) => tr.appendChild(c instanceof Node ? c : el('td', c)));
  return tr;
}

function fill(tableId, rows) {
  const body = document.querySelector('#' + tableId + ' tbody');
  body.replaceChildren(...rows);
}

function time(iso) {
  return iso ? new Date(iso).toLocaleTimeString() : '';
}

async function getJson(path) {
  const response = await fetch(api(path), { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}

async function loadDepths() {
  const depths = await getJson('queue/depths');
  const rows = Object.entries(depths.recipients).map(([state, n]) =>
    row([state + ' recipients', n, '', ''], { 'data-state': state }));
  Object.entries(depths.queues).forEach(([queue, q]) =>
    rows.push(row([queue, q.messages ?? '?', q.scheduled ?? '?', q.consumers ?? '?'], { 'data-queue': queue })));
  fill('depths', rows);
}

async function loadTransports() {
  const transports = await getJson('transports');
  fill('transports', transports.map((t) => {
    const circuit = el('td', t.circuit.open ? 'open since ' + time(t.circuit.since) : 'closed',
      { class: t.circuit.open ? 'open' : 'closed' });
    return row([t.name, circuit, t.health ? t.health.state : '', t.delivered, t.deferred, t.failed],
      { 'data-transport': t.name });
  }));
}

function filterParams() {
  const form = document.getElementById('queue-filter');
  const params = new URLSearchParams();
  ['sender', 'recipient', 'transport', 'olderThan'].forEach((name) => {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  });
  return { state: form.elements.state.value, params };
}

function actionButton(label, cls, handler) {
  const button = el('button', label, { type: 'button', class: cls });
  button.addEventListener('click', handler);
  return button;
}

async function act(method, path) {
  const response = await fetch(api(path), { method });
  const result = document.getElementById('action-result');
  const body = await response.json().catch(() => ({}));
  result.textContent = response.ok
    ? body.kind + ' ' + body.target + ': ' + body.affected + ' affected'
    : 'failed: ' + (body.detail || response.status);
  scheduleRefresh();
}

async function loadQueue() {
  const { state, params } = filterParams();
  params.set('limit', '100');
  const page = await getJson('queue/' + state + '?' + params);
  document.getElementById('queue-total').textContent = page.total + ' ' + state;
  if (state === 'dead-lettered') {
    fill('queue', page.entries.map((d) => {
      const actions = el('td');
      actions.append(
        actionButton('Requeue', 'requeue', () => act('POST', 'queue/dead-letters/' + encodeURIComponent(d.id) + '/requeue')),
        actionButton('Drop', 'drop', () => act('DELETE', 'queue/dead-letters/' + encodeURIComponent(d.id))));
      return row([time(d.sentAt), d.messageId || '', '', '', '', d.originalQueue, 'DEAD', '', '', d.body, actions],
        { 'data-dead-letter': d.id, 'data-message-id': d.messageId || '' });
    }));
    return;
  }
  fill('queue', page.entries.map((e) => {
    const id = e.messageId;
    const actions = el('td');
    actions.append(
      actionButton('Retry now', 'retry', () => act('POST', 'queue/messages/' + id + '/retry')),
      actionButton('Hold', 'hold', () => act('POST', 'queue/messages/' + id + '/hold')),
      actionButton('Release', 'release', () => act('POST', 'queue/messages/' + id + '/release')),
      actionButton('Delete', 'delete', () => act('DELETE', 'queue/messages/' + id)),
      actionButton('Delete + NDR', 'delete-ndr', () => act('DELETE', 'queue/messages/' + id + '?ndr=true')),
      actionButton('Track', 'track', () => track('messageId', id)));
    return row([time(e.submittedAt), id, e.sender, el('td', e.subject || '', { class: 'subject' }), e.recipient, e.transport || '',
      el('td', e.status, { class: e.status }), e.attempts, time(e.nextAttemptAt), e.diagnostic || '', actions],
    { 'data-message-id': id, 'data-recipient-id': e.recipientId, 'data-status': e.status });
  }));
}

async function loadRecent() {
  const [delivered, failed] = await Promise.all([
    getJson('tracking/recent?status=DELIVERED&limit=15'),
    getJson('tracking/recent?status=FAILED&limit=15')]);
  fill('recent-deliveries', delivered.map((t) =>
    row([time(t.at), t.messageId, t.recipient, t.transport || '', t.statusCode || ''],
      { 'data-message-id': t.messageId })));
  fill('recent-failures', failed.map((t) =>
    row([time(t.at), t.messageId, t.recipient, t.statusCode || '', t.diagnostic || ''],
      { 'data-message-id': t.messageId })));
}

let tracked = null;

async function track(by, value) {
  tracked = { by, value };
  const form = document.getElementById('tracking-search');
  form.elements.by.value = by;
  form.elements.value.value = value;
  await loadTimeline();
}

async function loadTimeline() {
  if (!tracked || !tracked.value) return;
  const entries = await getJson('tracking?' + new URLSearchParams({ [tracked.by]: tracked.value }));
  fill('timeline', entries.map((t) =>
    row([time(t.at), t.messageId, t.recipient, t.stage, t.transport || '',
      el('td', t.status, { class: t.status }), t.attempt, t.statusCode || '', t.diagnostic || ''],
    { 'data-status': t.status })));
}

async function refresh() {
  refreshTimer = null;
  const loads = [loadDepths(), loadTransports(), loadQueue(), loadRecent(), loadTimeline()];
  const results = await Promise.allSettled(loads);
  results.filter((r) => r.status === 'rejected').forEach((r) => console.warn(r.reason));
}

// Many changes arrive together (one per recipient): refresh once for a burst.
function scheduleRefresh() {
  if (!refreshTimer) refreshTimer = setTimeout(refresh, 250);
}

function connect() {
  const live = document.getElementById('live');
  const events = new EventSource(api('queue/events'));
  events.addEventListener('connected', () => {
    live.textContent = 'live';
    live.className = 'on';
    scheduleRefresh();
  });
  events.addEventListener('status', scheduleRefresh);
  events.onerror = () => {
    live.textContent = 'reconnecting';
    live.className = 'off';
  };
}

document.getElementById('queue-filter').addEventListener('submit', (e) => {
  e.preventDefault();
  scheduleRefresh();
});
document.querySelectorAll('[data-bulk]').forEach((button) =>
  button.addEventListener('click', () => {
    const { state, params } = filterParams();
    act('POST', 'queue/' + state + '/' + button.dataset.bulk + '?' + params);
  }));
document.getElementById('tracking-search').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = e.target;
  track(form.elements.by.value, form.elements.value.value.trim());
});

// Broker numbers change without status events (a scheduled retry becoming due): poll them too.
setInterval(() => { loadDepths().catch(() => {}); loadTransports().catch(() => {}); }, 5000);
connect();
refresh();
