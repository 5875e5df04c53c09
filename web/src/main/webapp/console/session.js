// What the console's pages share: API calls with the operator's credentials, DOM helpers, times.
//
// Login: the pages are public; every API call carries the operator's HTTP Basic credentials, given
// once in the console's login form and kept in this tab's sessionStorage (gone when the tab closes;
// "Log out" forgets them at once). Calls never let the browser add or ask for credentials of its
// own (credentials: 'omit'). A browser that sends credentials itself (an operator's proxy, the
// tests) is let in as is. Everything shown goes through textContent, never innerHTML.
'use strict';

// What a 401 does: a page without a login form of its own goes to the console's.
let onUnauthorized = () => { window.location.href = './'; };

const api = (path) => '/api/' + path;
const AUTH_KEY = 'spooler.console.authorization';

class Unauthorized extends Error {}

function authHeaders(extra) {
  const headers = Object.assign({ Accept: 'application/json' }, extra || {});
  const authorization = sessionStorage.getItem(AUTH_KEY);
  if (authorization) headers.Authorization = authorization;
  return headers;
}

async function call(path, options) {
  const headers = authHeaders(options && options.headers);
  const response = await fetch(api(path), Object.assign({ credentials: 'omit' }, options || {},
    { headers }));
  if (response.status === 401) {
    // Only a refusal of the credentials still in use ends the session: a call that was on its way
    // when the operator logged out must not replace "Logged out." with "Your session has ended".
    if ((headers.Authorization || null) === sessionStorage.getItem(AUTH_KEY)) onUnauthorized();
    throw new Unauthorized(path);
  }
  return response;
}

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

// Date and time with the time zone, in the browser's zone and language.
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  second: '2-digit', timeZoneName: 'short' });

function time(iso) {
  return iso ? TIME_FORMAT.format(new Date(iso)) : '';
}

async function getJson(path) {
  const response = await call(path);
  if (!response.ok) throw new Error(path + ': ' + response.status);
  return response.json();
}

