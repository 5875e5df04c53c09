// One message for an operator: its envelope, recipients with their diagnostics, content (text; the
// HTML part sandboxed and without remote content; attachments; headers), tracking timeline,
// reports, and its raw MIME. message.html?id=<message id>
'use strict';

const id = new URLSearchParams(window.location.search).get('id') || '';
const path = 'messages/' + encodeURIComponent(id);

// Nothing loads from anywhere, inline styles stay (mail is styled inline).
const HTML_POLICY = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";

function link(text, href) {
  const a = el('a', text, { href });
  return a;
}

function fields(tableId, pairs) {
  fill(tableId, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([name, value]) => row([el('th', name), value instanceof Node ? value : el('td', value)],
      { 'data-field': name })));
}

// A download that needs the operator's credentials: fetched, then saved from memory.
async function download(apiPath, filename) {
  const response = await call(apiPath, { headers: { Accept: '*/*' } });
  if (!response.ok) throw new Error(apiPath + ': ' + response.status);
  const url = URL.createObjectURL(await response.blob());
  const a = el('a', null, { href: url, download: filename });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function loadStatus() {
  const m = await getJson(path);
  document.getElementById('title').textContent = m.subject || '(no subject)';
  document.title = (m.subject || 'message') + ' – Spooler console';
  fields('envelope', [['id', m.id], ['Message-ID', m.messageId], ['from', m.from], ['subject', m.subject],
    ['accepted', time(m.submittedAt)], ['priority', m.priority], ['not before', time(m.deferredUntil)],
    ['expires', time(m.expiresAt)], ['class', m.messageClass], ['envelope id', m.envelopeId],
    ['report of', m.report ? link(m.report.originalMessageId, '?id=' + m.report.originalMessageId) : null]]);
  fill('recipients', m.recipients.map((r) => row([r.address, r.kind, el('td', r.status, { class: r.status }),
    r.transport || '', r.attempts, time(r.nextAttemptAt), r.statusCode || '', el('td', r.diagnostic || '', { class: 'diagnostic' }),
    time(r.updatedAt)], { 'data-recipient': r.address, 'data-status': r.status })));
  fill('reports', (m.reports || []).map((r) => row([r.kind, r.recipients.join(', '), r.state, r.reason || '',
    time(r.createdAt), el('td', null).appendChild(r.reportMessageId ? link('open', '?id=' + r.reportMessageId) : el('span', '')).parentNode],
  { 'data-report': r.kind })));
}

async function loadContent() {
  const c = await getJson(path + '/content');
  document.getElementById('text').textContent = c.text || '';
  const frame = document.getElementById('html');
  if (c.html) {
    frame.srcdoc = HTML_POLICY + c.html;
  } else {
    frame.hidden = true;
    document.getElementById('no-html').hidden = false;
  }
  document.getElementById('attachments').replaceChildren(...c.attachments.map((a) => {
    const item = el('li', null, { 'data-attachment': a.index });
    const button = el('button', a.filename || 'attachment ' + a.index, { type: 'button' });
    button.addEventListener('click', () => download(path + '/attachments/' + a.index, a.filename || 'attachment-' + a.index));
    item.append(button, ' ' + a.contentType + ', ' + a.size + ' bytes');
    return item;
  }));
  fill('headers', c.headers.map((h) => row([el('th', h.name), h.value])));
}

async function loadTimeline() {
  const entries = await getJson('tracking?' + new URLSearchParams({ messageId: id }));
  fill('timeline', entries.map((t) => row([time(t.at), t.recipient, t.stage, t.transport || '',
    el('td', t.status, { class: t.status }), t.attempt, t.statusCode || '', el('td', t.diagnostic || '', { class: 'diagnostic' })],
  { 'data-status': t.status })));
}

document.getElementById('download-mime').addEventListener('click', () => download(path + '/mime', id + '.eml'));

Promise.allSettled([loadStatus(), loadContent(), loadTimeline()]).then((results) => {
  const failed = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof Unauthorized));
  if (failed.length) {
    document.getElementById('problem').textContent = 'Not everything could be read: ' + failed.map((r) => r.reason.message).join('; ');
  }
  document.body.dataset.loaded = 'true';
});
