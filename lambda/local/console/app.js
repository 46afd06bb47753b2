// The local console: plain DOM code, no build step. Everything user-supplied is set with
// textContent (never innerHTML), and the reply's HTML is shown in a sandboxed iframe.
const $ = (id) => document.getElementById(id);

async function api(path, options = {}) {
  const res = await fetch(path, {
    ...options,
    headers: { 'content-type': 'application/json', ...(options.headers ?? {}) },
  });
  const text = await res.text();
  let body;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

// SMS simulator
function bubble(text, who) {
  const li = el('li', { className: `bubble ${who}`, textContent: text });
  li.dataset.testid = `bubble-${who}`;
  $('sms-thread').append(li);
  li.scrollIntoView({ block: 'end' });
}

$('sms-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = $('sms-body').value.trim();
  if (!body) return;
  bubble(body, 'me');
  $('sms-body').value = '';
  const { status, body: answer } = await api('/api/console/sms', {
    method: 'POST',
    body: JSON.stringify({ from: $('sms-from').value.trim(), body }),
  });
  if (status !== 200) {
    bubble(`Error ${status}: ${answer?.error ?? 'request failed'}`, 'error');
    return;
  }
  if (answer.messages.length === 0) bubble('(no reply)', 'error');
  for (const message of answer.messages) bubble(message, 'them');
  refreshOutbox();
  refreshReminders();
});

// Email
async function loadSamples() {
  const { body } = await api('/api/samples');
  for (const name of body ?? [])
    $('mail-sample').append(el('option', { value: name, textContent: name }));
}

$('mail-sample').addEventListener('change', async () => {
  const name = $('mail-sample').value;
  if (!name) return;
  const res = await fetch(`/api/samples/${encodeURIComponent(name)}`);
  $('mail-raw').value = await res.text();
});

$('mail-file').addEventListener('change', async () => {
  const file = $('mail-file').files?.[0];
  if (file) $('mail-raw').value = await file.text();
});

function showTab(name) {
  for (const tab of document.querySelectorAll('.tabs button')) {
    tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  }
  $('mail-html').hidden = name !== 'html';
  $('mail-text').hidden = name !== 'text';
}
for (const tab of document.querySelectorAll('.tabs button')) {
  tab.addEventListener('click', () => showTab(tab.dataset.tab));
}

$('mail-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const raw = $('mail-raw').value;
  if (!raw.trim()) return;
  const { status, body } = await api('/api/console/email', {
    method: 'POST',
    body: JSON.stringify({ raw }),
  });
  $('mail-result').hidden = false;
  const reply = body?.replies?.[0];
  if (status !== 200 || !reply) {
    $('mail-status').textContent =
      status === 200
        ? `No reply sent (${body?.outcome ?? 'unknown outcome'})`
        : `Error ${status}: ${body?.error ?? ''}`;
    $('mail-html').srcdoc = '';
    $('mail-text').textContent = '';
    return;
  }
  $('mail-status').textContent = `Reply to ${reply.to}: ${reply.subject ?? ''}`;
  $('mail-html').srcdoc = reply.html ?? '';
  $('mail-text').textContent = reply.text;
  showTab(reply.html ? 'html' : 'text');
  refreshOutbox();
  refreshReminders();
});

// Webhook tester
$('webhook-body').value = JSON.stringify(
  {
    text: "I'm so sorry, I've come down with the flu and can't make tomorrow's interview. I'm free any afternoon next week.",
    interview: {
      company: 'Brightwell Analytics',
      interviewer: { name: 'Dana Whitfield', email: 'dana@brightwell.example.com' },
      start: new Date(Date.now() + 20 * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z'),
      timezone: 'America/New_York',
    },
    candidate: { name: 'Sam Lee', email: 'sam@example.org', timezone: 'America/New_York' },
    deliver: 'email',
  },
  null,
  2,
);
$('webhook-key').value = crypto.randomUUID();

$('webhook-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const { status, body } = await api('/api/console/webhook', {
    method: 'POST',
    body: JSON.stringify({ body: $('webhook-body').value, idempotencyKey: $('webhook-key').value }),
  });
  $('webhook-result').hidden = false;
  $('webhook-result').textContent = `HTTP ${status}\n${JSON.stringify(body, null, 2)}`;
  refreshOutbox();
  refreshReminders();
});

// Outbox
async function refreshOutbox() {
  const { body } = await api('/api/outbox');
  const list = $('outbox-list');
  list.replaceChildren();
  if (!body?.length) {
    list.append(el('li', { className: 'empty', textContent: 'Nothing sent yet.' }));
    return;
  }
  for (const message of body) {
    const summary = el('summary', {
      textContent: `${message.channel.toUpperCase()} → ${message.to}${message.subject ? ` · ${message.subject}` : ''}`,
    });
    const item = el(
      'li',
      {},
      el('details', {}, summary, el('pre', { textContent: message.text })),
      el('div', { className: 'meta', textContent: new Date(message.at).toLocaleString() }),
    );
    item.dataset.testid = 'outbox-item';
    list.append(item);
  }
}
$('outbox-refresh').addEventListener('click', refreshOutbox);

// Reminders
async function refreshReminders() {
  const { body } = await api('/api/reminders');
  const rows = $('reminders-list');
  rows.replaceChildren();
  if (!body?.length) {
    rows.append(
      el('tr', {}, el('td', { colSpan: 5, className: 'empty', textContent: 'No reminders.' })),
    );
    return;
  }
  for (const reminder of body) {
    const fire = el('button', { type: 'button', className: 'small', textContent: 'Fire now' });
    fire.disabled = reminder.status !== 'pending';
    fire.addEventListener('click', async () => {
      fire.disabled = true;
      await api(`/api/reminders/${encodeURIComponent(reminder.id)}/fire`, { method: 'POST' });
      refreshReminders();
      refreshOutbox();
    });
    const row = el(
      'tr',
      {},
      el('td', { textContent: reminder.kind }),
      el('td', { textContent: new Date(reminder.at).toLocaleString() }),
      el('td', { textContent: reminder.channel }),
      el('td', { textContent: reminder.status }),
      el('td', {}, fire),
    );
    row.dataset.testid = 'reminder-row';
    rows.append(row);
  }
}
$('reminders-refresh').addEventListener('click', refreshReminders);

loadSamples();
refreshOutbox();
refreshReminders();
