// The operator's console: plain DOM and fetch against /api, refreshed on every status change the
// server pushes over SSE (/api/queue/events). Everything shown goes through textContent, never
// innerHTML, so a subject or address holding markup is shown as text.
//
// Login (see session.js): a 401 shows the login form, never the browser's dialog or an empty page.
'use strict';

let refreshTimer = null;
let stream = null;
onUnauthorized = () => {
  if (document.getElementById('login').hidden) showLogin('Your session has ended: log in again.');
};

// A cell that opens the message's page.
function messageCell(id, text, cls) {
  const cell = el('td', null, cls ? { class: cls } : {});
  if (!id) {
    cell.textContent = text || '';
    return cell;
  }
  cell.appendChild(el('a', text || id, { href: 'message.html?id=' + encodeURIComponent(id), title: id }));
  return cell;
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

const FILTER_FIELDS = ['messageIdHeader', 'sender', 'recipient', 'subject', 'transport', 'olderThan'];

// The actions that fit a queue state, for one row and for everything the filter matches.
const ACTIONS = {
  queued: ['retry', 'hold', 'delete', 'delete-ndr'],
  deferred: ['retry', 'hold', 'delete', 'delete-ndr'],
  held: ['release', 'delete', 'delete-ndr'],
  'dead-lettered': ['requeue', 'drop'],
};
const LABELS = {
  retry: 'Retry now', hold: 'Hold', release: 'Release', delete: 'Delete', 'delete-ndr': 'Delete + NDR',
  requeue: 'Requeue', drop: 'Drop',
};
// Actions that cannot be undone ask first.
const IRREVERSIBLE = new Set(['delete', 'delete-ndr', 'drop']);

// A datetime-local field (the browser's time zone) as an ISO instant.
function instant(local) {
  return local ? new Date(local).toISOString() : '';
}

function filterParams() {
  const form = document.getElementById('queue-filter');
  const params = new URLSearchParams();
  FILTER_FIELDS.forEach((name) => {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  });
  ['from', 'until'].forEach((name) => {
    const value = instant(form.elements[name].value);
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
  const response = await call(path, { method });
  const result = document.getElementById('action-result');
  const body = await response.json().catch(() => ({}));
  result.textContent = response.ok
    ? body.kind + ' ' + body.target + ': ' + body.affected + ' affected'
    : 'failed: ' + (body.detail || response.status);
  scheduleRefresh();
}

// Asks in the page (not a browser dialog) before an action runs; resolves true to go on.
function confirmAction(question) {
  const panel = document.getElementById('confirm');
  document.getElementById('confirm-question').textContent = question;
  panel.hidden = false;
  return new Promise((resolve) => {
    const answer = (yes) => () => { panel.hidden = true; resolve(yes); };
    document.getElementById('confirm-yes').onclick = answer(true);
    document.getElementById('confirm-no').onclick = answer(false);
  });
}

function rowAction(kind, e, state) {
  const id = encodeURIComponent(state === 'dead-lettered' ? e.id : e.messageId);
  const requests = {
    retry: ['POST', 'queue/messages/' + id + '/retry'],
    hold: ['POST', 'queue/messages/' + id + '/hold'],
    release: ['POST', 'queue/messages/' + id + '/release'],
    delete: ['DELETE', 'queue/messages/' + id],
    'delete-ndr': ['DELETE', 'queue/messages/' + id + '?ndr=true'],
    requeue: ['POST', 'queue/dead-letters/' + id + '/requeue'],
    drop: ['DELETE', 'queue/dead-letters/' + id],
  };
  return actionButton(LABELS[kind], kind, async () => {
    if (IRREVERSIBLE.has(kind)) {
      const what = state === 'dead-lettered' ? 'this dead letter' : 'message "' + (e.subject || e.messageId) + '"';
      if (!await confirmAction(LABELS[kind] + ' ' + what + ' (1 message)?')) return;
    }
    act(...requests[kind]);
  });
}

// A bulk action: counts what the filter matches, asks, then acts on the same filter.
async function bulk(kind) {
  const { state, params } = filterParams();
  const probe = new URLSearchParams(params);
  probe.set('limit', '500');
  const page = await getJson('queue/' + state + '?' + probe);
  const messages = new Set(page.entries.map((e) => e.messageId || e.id)).size;
  const count = page.total <= page.entries.length
    ? messages + (messages === 1 ? ' message' : ' messages') + ' (' + page.total + ' ' + (state === 'dead-lettered' ? 'dead letters' : 'recipients') + ')'
    : page.total + ' ' + (state === 'dead-lettered' ? 'dead letters' : 'recipients');
  if (page.total === 0) {
    document.getElementById('action-result').textContent = 'Nothing matches the filter.';
    return;
  }
  if (!await confirmAction(LABELS[kind] + ': ' + count + ' ' + state + ' matching the filter?')) return;
  const action = kind === 'delete-ndr' ? 'delete' : kind === 'drop' ? 'delete' : kind;
  if (kind === 'delete-ndr') params.set('ndr', 'true');
  act('POST', 'queue/' + state + '/' + action + '?' + params);
}

function showBulkActions(state) {
  const bar = document.getElementById('bulk-actions');
  bar.replaceChildren(el('span', 'for all matching:'),
    ...ACTIONS[state].map((kind) => actionButton(LABELS[kind], 'bulk-' + kind, () => bulk(kind))));
}

async function loadQueue() {
  const { state, params } = filterParams();
  showBulkActions(state);
  params.set('limit', '100');
  const page = await getJson('queue/' + state + '?' + params);
  document.getElementById('queue-total').textContent = page.total + ' ' + state;
  const actionsOf = (e) => {
    const cell = el('td', null, { class: 'actions' });
    ACTIONS[state].forEach((kind) => cell.append(rowAction(kind, e, state)));
    if (state !== 'dead-lettered') cell.append(actionButton('Track', 'track', () => track('messageId', e.messageId)));
    return cell;
  };
  if (state === 'dead-lettered') {
    fill('queue', page.entries.map((d) =>
      row([actionsOf(d), time(d.sentAt), el('td', '', { class: 'subject' }), '', '', el('td', 'DEAD', { class: 'FAILED' }),
        '', '', d.originalQueue, el('td', d.body, { class: 'diagnostic' })],
      { 'data-dead-letter': d.id, 'data-message-id': d.messageId || '', 'data-status': 'DEAD' })));
    return;
  }
  fill('queue', page.entries.map((e) =>
    row([actionsOf(e), time(e.submittedAt), messageCell(e.messageId, e.subject || '(no subject)', 'subject'),
      e.sender, e.recipient, el('td', e.status, { class: e.status }), e.attempts, time(e.nextAttemptAt),
      e.transport || '', el('td', e.diagnostic || '', { class: 'diagnostic' })],
    { 'data-message-id': e.messageId, 'data-recipient-id': e.recipientId, 'data-status': e.status })));
}

async function loadInbound() {
  const accounts = await getJson('inbound/accounts');
  fill('inbound', accounts.map((a) => row([a.name, a.protocol + '://' + a.host + ':' + a.port + '/' + a.folder,
    a.mailbox, time(a.lastPollAt), time(a.lastSuccessAt), a.messagesFetched,
    el('td', a.failuresInARow, { class: a.failuresInARow > 0 ? 'FAILED' : 'DELIVERED' }),
    el('td', a.lastError ? time(a.lastErrorAt) + ': ' + a.lastError : '', { class: 'diagnostic' })],
  { 'data-account': a.name, 'data-failing': a.failuresInARow > 0 })));
}

async function loadRecent() {
  const [delivered, failed] = await Promise.all([
    getJson('tracking/recent?status=DELIVERED&limit=15'),
    getJson('tracking/recent?status=FAILED&limit=15')]);
  fill('recent-deliveries', delivered.map((t) =>
    row([time(t.at), messageCell(t.messageId), t.recipient, t.transport || '', t.statusCode || ''],
      { 'data-message-id': t.messageId })));
  fill('recent-failures', failed.map((t) =>
    row([time(t.at), messageCell(t.messageId), t.recipient, t.statusCode || '', t.diagnostic || ''],
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
    row([time(t.at), messageCell(t.messageId), t.recipient, t.stage, t.transport || '',
      el('td', t.status, { class: t.status }), t.attempt, t.statusCode || '', t.diagnostic || ''],
    { 'data-status': t.status })));
}

async function refresh() {
  refreshTimer = null;
  const loads = [loadDepths(), loadTransports(), loadQueue(), loadRecent(), loadTimeline(), loadCharts(), loadInbound()];
  const results = await Promise.allSettled(loads);
  results.filter((r) => r.status === 'rejected').forEach((r) => console.warn(r.reason));
}

// Many changes arrive together (one per recipient): refresh once for a burst.
function scheduleRefresh() {
  if (!refreshTimer) refreshTimer = setTimeout(refresh, 250);
}

function setLive(on, text) {
  const live = document.getElementById('live');
  live.textContent = text;
  live.className = on ? 'on' : 'off';
}

// EventSource cannot send an Authorization header: the stream is read with fetch instead, and
// parsed as Server-Sent Events (events separated by a blank line; "event:" names them).
async function connect() {
  const controller = new AbortController();
  stream = controller;
  try {
    const response = await call('queue/events', {
      headers: { Accept: 'text/event-stream' }, signal: controller.signal });
    if (!response.ok) throw new Error('events: ' + response.status);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const name = (block.match(/^event:\s*(.*)$/m) || [])[1];
        if (name === 'connected') {
          setLive(true, 'live');
          scheduleRefresh();
        } else if (name === 'status') {
          scheduleRefresh();
        }
      }
    }
  } catch (e) {
    if (e instanceof Unauthorized || controller.signal.aborted) return;
  }
  if (stream !== controller) return;
  setLive(false, 'reconnecting');
  setTimeout(() => { if (stream === controller) connect(); }, 2000);
}

function showLogin(message) {
  if (stream) stream.abort();
  stream = null;
  clearTimeout(refreshTimer);
  refreshTimer = null;
  setLive(false, 'offline');
  document.getElementById('login-message').textContent = message || '';
  document.body.classList.add('logged-out');
  document.getElementById('login').hidden = false;
  document.getElementById('login-user').focus();
}

function start(user) {
  document.getElementById('login').hidden = true;
  document.body.classList.remove('logged-out');
  document.getElementById('who').textContent = user || '';
  connect();
  refresh();
}

// Checks the credentials with one call an operator may make before keeping them.
async function logIn(user, password) {
  const authorization = 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password)));
  const response = await fetch(api('queue/depths'), {
    credentials: 'omit', headers: { Accept: 'application/json', Authorization: authorization } });
  if (response.status === 401) return 'Wrong user name or password.';
  if (response.status === 403) return 'User ' + user + ' may not use the console (role operator or admin).';
  if (!response.ok) return 'The spooler answered ' + response.status + '.';
  sessionStorage.setItem(AUTH_KEY, authorization);
  sessionStorage.setItem(AUTH_KEY + '.user', user);
  start(user);
  return null;
}

function logOut() {
  sessionStorage.removeItem(AUTH_KEY);
  sessionStorage.removeItem(AUTH_KEY + '.user');
  showLogin('Logged out.');
}

document.getElementById('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = e.target;
  const problem = await logIn(form.elements.user.value.trim(), form.elements.password.value);
  form.elements.password.value = '';
  if (problem) document.getElementById('login-message').textContent = problem;
});
document.getElementById('logout').addEventListener('click', logOut);
document.getElementById('open-message').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = e.target.elements.id.value.trim();
  if (value) window.location.href = 'message.html?id=' + encodeURIComponent(value);
});

document.getElementById('queue-filter').addEventListener('submit', (e) => {
  e.preventDefault();
  scheduleRefresh();
});
document.querySelector('#queue-filter select[name=state]').addEventListener('change', scheduleRefresh);
document.getElementById('tracking-search').addEventListener('submit', (e) => {
  e.preventDefault();
  const form = e.target;
  track(form.elements.by.value, form.elements.value.value.trim());
});

// Broker numbers change without status events (a scheduled retry becoming due): poll them too.
setInterval(() => {
  if (!stream) return;
  loadDepths().catch(() => {});
  loadTransports().catch(() => {});
  loadInbound().catch(() => {});
}, 5000);
// A new point every 10 s.
setInterval(() => { if (stream) loadCharts().catch(() => {}); }, 10000);

// Already logged in in this tab, or credentials sent by the browser itself: straight in.
(async () => {
  const probe = await fetch(api('queue/depths'), { credentials: 'omit', headers: authHeaders() });
  if (probe.ok) start(sessionStorage.getItem(AUTH_KEY + '.user'));
  else showLogin(probe.status === 403 ? 'This user may not use the console.' : '');
})();
