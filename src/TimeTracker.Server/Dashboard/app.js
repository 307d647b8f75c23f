// TimeTracker dashboard: a small single-page app over the public API. No build step, no CDN: the Server embeds
// these files. The token lives in sessionStorage only (never in a URL or a log).

const $ = (selector, root = document) => root.querySelector(selector);
const main = $('#main');
const session = {
  get token() { return sessionStorage.getItem('tt.token'); },
  get me() { return JSON.parse(sessionStorage.getItem('tt.me') || 'null'); },
  save(token, me) { sessionStorage.setItem('tt.token', token); sessionStorage.setItem('tt.me', JSON.stringify(me)); },
  clear() { sessionStorage.removeItem('tt.token'); sessionStorage.removeItem('tt.me'); },
};

// ---- API ----------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body, { accept = 'application/json', token = session.token } = {}) {
  const headers = { Accept: accept };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (accept === 'text/csv' && response.ok) return response.blob();
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && token) { signOut('Your session ended; sign in again.'); }
    throw new ApiError(response.status, errorMessage(json) || `The server answered ${response.status}.`);
  }
  return json;
}

// Each vendor family words its errors differently.
function errorMessage(json) {
  if (!json) return null;
  if (json.errors) return Object.values(json.errors).flat().join(' ');
  return json.detail || json.message || json.error?.message || json.error || json.statusMessage || null;
}

const data = (envelope) => envelope.data;

// ---- Formatting and time ------------------------------------------------------------------------------------------

const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const hours = (seconds) => `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
const zone = () => session.me?.timezone || 'UTC';

function localDate(date = new Date(), timeZone = zone()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function addDays(isoDate, days) {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from, to) {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const time = (iso) => (iso ? new Date(/Z$|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`).toLocaleString([], { timeZone: zone(), dateStyle: 'short', timeStyle: 'short' }) : '—');

function say(message) {
  $('#status').textContent = message;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { $('#status').textContent = ''; }, 4000);
}

// ---- Charts (plain SVG) -------------------------------------------------------------------------------------------

function stackedBars(rows, { label = 'Worked time' } = {}) {
  if (!rows.length) return '';
  const width = 640, barHeight = 22, gap = 8, left = 150, height = rows.length * (barHeight + gap) + 20;
  const max = Math.max(1, ...rows.map((r) => r.active + r.idle));
  const bars = rows.map((r, i) => {
    const y = i * (barHeight + gap);
    const a = ((width - left - 10) * r.active) / max, d = ((width - left - 10) * r.idle) / max;
    return `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${esc(r.name)}</text>
      <rect class="bar-active" x="${left}" y="${y}" width="${a}" height="${barHeight}" fill="var(--active)"><title>${esc(r.name)}: active ${hours(r.active)}</title></rect>
      <rect class="bar-idle" x="${left + a}" y="${y}" width="${d}" height="${barHeight}" fill="var(--idle)"><title>${esc(r.name)}: idle ${hours(r.idle)}</title></rect>`;
  }).join('');
  return `<div class="legend"><span><i style="background:var(--active)"></i>Active</span><span><i style="background:var(--idle)"></i>Idle</span></div>
    <svg role="img" aria-label="${esc(label)}: active and idle time per member" viewBox="0 0 ${width} ${height}" width="100%">${bars}</svg>`;
}

function lineChart(series, { label }) {
  const points = series[0].points;
  if (!points.length) return '';
  const width = 640, height = 220, left = 36, bottom = 24;
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.value)));
  const x = (i) => left + ((width - left - 10) * i) / Math.max(1, points.length - 1);
  const y = (v) => height - bottom - ((height - bottom - 10) * v) / max;
  const paths = series.map((s) => `<path class="line" d="${s.points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}"
      fill="none" stroke="${s.color}" stroke-width="2"><title>${esc(s.name)}</title></path>`).join('');
  const axis = `<text x="4" y="${y(max) + 4}">${max}</text><text x="4" y="${y(0)}">0</text>
    <text x="${left}" y="${height - 6}">${esc(points[0].label)}</text><text x="${width - 10}" y="${height - 6}" text-anchor="end">${esc(points.at(-1).label)}</text>`;
  const legend = series.map((s) => `<span><i style="background:${s.color}"></i>${esc(s.name)}</span>`).join('');
  return `<div class="legend">${legend}</div><svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${height}" width="100%">${axis}${paths}</svg>`;
}

// ---- Shared pieces ------------------------------------------------------------------------------------------------

function state(kind, text) { return `<div class="${kind}">${esc(text)}</div>`; }

async function load(target, work) {
  target.innerHTML = state('loading', 'Loading…');
  try { await work(); } catch (e) { target.innerHTML = state('error', e.message); }
}

async function members() {
  if (!session.me.manager) return [{ id: session.me.id, firstname: session.me.name, lastname: '', team_id: null, current_role: session.me.role }];
  return data(await api('GET', 'v2/members?per_page=200'));
}

const displayName = (m) => `${m.firstname} ${m.lastname}`.trim();

async function analyze(userIds, from, to, timeZone = zone()) {
  if (!userIds.length) return [];
  return (await api('POST', 'v1/dashboard/work-time-analysis',
    { startDate: `${from} 00:00:00`, endDate: `${to} 23:59:59`, timeZone, userId: userIds, teamId: [] })).data;
}

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function sortable(table, rows, columns, render) {
  let key = columns[0].key, direction = 1;
  const draw = () => {
    const sorted = [...rows].sort((a, b) => (a[key] > b[key] ? 1 : a[key] < b[key] ? -1 : 0) * direction);
    table.innerHTML = `<thead><tr>${columns.map((c) => `<th scope="col" class="${c.num ? 'num' : ''}" aria-sort="${c.key === key ? (direction > 0 ? 'ascending' : 'descending') : 'none'}">
      <button type="button" data-key="${c.key}">${esc(c.title)}</button></th>`).join('')}</tr></thead><tbody>${sorted.map(render).join('')}</tbody>`;
    table.querySelectorAll('th button').forEach((b) => b.addEventListener('click', () => {
      direction = b.dataset.key === key ? -direction : 1;
      key = b.dataset.key;
      draw();
      table.querySelector(`th button[data-key="${key}"]`).focus();
    }));
  };
  draw();
}

// ---- Pages --------------------------------------------------------------------------------------------------------

function signInPage() {
  main.innerHTML = `<section class="signin card"><h1>Sign in to TimeTracker</h1>
    <form id="login"><label>Workspace id<input name="workspace" required autocomplete="organization"></label>
      <label>Username or email<input name="login" required autocomplete="username"></label>
      <label>Password<input name="password" type="password" required autocomplete="current-password"></label>
      <button type="submit">Sign in</button></form>
    <h2>Or use an API token</h2>
    <form id="paste"><label>API token<input name="token" required autocomplete="off" spellcheck="false"></label>
      <button type="submit" class="secondary">Use token</button></form>
    <p id="signin-error" class="error" hidden></p></section>`;
  const fail = (e) => { const p = $('#signin-error'); p.hidden = false; p.textContent = e.message; };
  $('#login').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = event.target.elements;
    try {
      const result = data(await api('POST', 'v1/auth/login', { workspace_id: f.workspace.value.trim(), login: f.login.value.trim(), password: f.password.value }, { token: null }));
      await start(result.token, result.member_id);
    } catch (e) { fail(e); }
  });
  $('#paste').addEventListener('submit', async (event) => {
    event.preventDefault();
    try { await start(event.target.elements.token.value.trim(), null); } catch (e) { fail(e); }
  });
}

// Who the token belongs to: its key (the id inside the token) names the member; managers can read their profile.
async function start(token, memberId) {
  const workspace = data(await api('GET', 'v1/workspaces/current', undefined, { token }));
  if (!memberId) {
    const keyId = token.split('_')[1];
    const keys = data(await api('GET', 'v1/api-keys', undefined, { token }));
    memberId = keys.find((k) => k.id === keyId)?.member_id;
  }
  let me = { id: memberId, name: 'You', role: 'Member', manager: false, workspace: workspace.name, timezone: workspace.timezone };
  try {
    const m = data(await api('GET', `v2/members/${memberId}`, undefined, { token }));
    me = { ...me, name: displayName(m), role: m.current_role, manager: true, timezone: m.timezone || workspace.timezone };
  } catch (e) {
    if (e.status !== 403) throw e;
  }
  session.save(token, me);
  location.hash = '#/overview';
  route();
}

async function overviewPage() {
  const today = localDate();
  main.innerHTML = `<h1>Today, ${esc(today)} <small class="badge">${esc(zone())}</small></h1><div id="overview"></div>`;
  const target = $('#overview');
  await load(target, async () => {
    const people = (await members()).filter((m) => m.status !== 'deleted');
    const rows = await analyze(people.map((m) => m.id), today, today);
    if (!rows.length) { target.innerHTML = state('empty', 'No members yet. Invite your team on the Members page.'); return; }
    const sum = (k) => rows.reduce((n, r) => n + r.timeSummary[k], 0);
    const working = rows.filter((r) => r.session.isWorking);
    const teams = new Map();
    for (const m of people) if (m.team_name) teams.set(m.team_name, [...(teams.get(m.team_name) || []), m.id]);
    const teamRows = [...teams].map(([name, ids]) => {
      const own = rows.filter((r) => ids.includes(r.user.userId));
      return `<tr><td>${esc(name)}</td><td class="num">${hours(own.reduce((n, r) => n + r.timeSummary.totalWorkedTimeInSeconds, 0))}</td>
        <td class="num">${own.filter((r) => r.session.isWorking).length}</td></tr>`;
    }).join('');
    target.innerHTML = `<div class="tiles">
        <div class="tile" data-tile="working"><b>${working.length}</b><span>clocked in now</span></div>
        <div class="tile" data-tile="worked"><b>${hours(sum('totalWorkedTimeInSeconds'))}</b><span>worked today</span></div>
        <div class="tile" data-tile="active"><b>${hours(sum('activeWorkedTimeInSeconds'))}</b><span>active</span></div>
        <div class="tile" data-tile="idle"><b>${hours(sum('idleWorkedTimeInSeconds'))}</b><span>idle</span></div></div>
      <div class="card"><h2>Who is working</h2>${working.length ? `<ul>${working.map((r) => `<li>${esc(r.user.name)} since ${time(r.session.inTime)}</li>`).join('')}</ul>` : state('empty', 'Nobody is clocked in right now.')}</div>
      <div class="card table-wrap"><h2>Members today</h2><table id="today"></table></div>
      ${teamRows ? `<div class="card table-wrap"><h2>Teams today</h2><table><thead><tr><th>Team</th><th class="num">Worked</th><th class="num">Working now</th></tr></thead><tbody>${teamRows}</tbody></table></div>` : ''}`;
    sortable($('#today'), rows.map(flatRow), workColumns, workRow);
  });
}

const flatRow = (r) => ({ id: r.user.userId, name: r.user.name, total: r.timeSummary.totalWorkedTimeInSeconds,
  active: r.timeSummary.activeWorkedTimeInSeconds, idle: r.timeSummary.idleWorkedTimeInSeconds, working: r.session.isWorking });
const workColumns = [{ key: 'name', title: 'Member' }, { key: 'total', title: 'Worked', num: true }, { key: 'active', title: 'Active', num: true },
  { key: 'idle', title: 'Idle', num: true }, { key: 'working', title: 'Now' }];
const workRow = (r) => `<tr data-member="${esc(r.id)}"><td><a href="#/work-time?member=${encodeURIComponent(r.id)}">${esc(r.name)}</a></td>
  <td class="num" data-total="${r.total}">${hours(r.total)}</td><td class="num">${hours(r.active)}</td><td class="num">${hours(r.idle)}</td>
  <td>${r.working ? '<span class="badge on">working</span>' : '<span class="badge">—</span>'}</td></tr>`;

async function workTimePage(params) {
  const to = params.get('to') || localDate(), from = params.get('from') || addDays(to, -6);
  const people = await members().catch(() => []);
  const teams = session.me.manager ? data(await api('GET', 'v2/teams')) : [];
  const member = params.get('member') || '', team = params.get('team') || '', tz = params.get('tz') || zone();
  main.innerHTML = `<h1>Work time</h1>
    <form class="filters card" id="filters">
      <label>From<input type="date" name="from" value="${esc(from)}" required></label>
      <label>To<input type="date" name="to" value="${esc(to)}" required></label>
      <label>Time zone<input name="tz" value="${esc(tz)}" required></label>
      ${session.me.manager ? `<label>Team<select name="team"><option value="">All teams</option>${teams.map((t) => `<option value="${esc(t.id)}" ${t.id === team ? 'selected' : ''}>${esc(t.name)}</option>`).join('')}</select></label>` : ''}
      <label>Member<select name="member"><option value="">${session.me.manager ? 'Everyone' : 'Me'}</option>${session.me.manager ? people.map((m) => `<option value="${esc(m.id)}" ${m.id === member ? 'selected' : ''}>${esc(displayName(m))}</option>`).join('') : ''}</select></label>
      <button type="submit">Show</button><button type="button" class="secondary" id="csv">Download CSV</button></form>
    <div id="result"></div>`;
  const form = $('#filters');
  const query = () => new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
  form.addEventListener('submit', (e) => { e.preventDefault(); location.hash = `#/work-time?${query()}`; });
  const ids = member ? [member] : people.filter((m) => m.status !== 'deleted' && (!team || m.team_id === team)).map((m) => m.id);
  const body = () => ({ startDate: `${from} 00:00:00`, endDate: `${to} 23:59:59`, timeZone: tz, userId: ids, teamId: [] });
  $('#csv').addEventListener('click', async () => {
    try { download(await api('POST', 'v1/dashboard/work-time-analysis', body(), { accept: 'text/csv' }), `work-time-${from}-${to}.csv`); say('CSV downloaded.'); }
    catch (e) { say(e.message); }
  });
  const target = $('#result');
  await load(target, async () => {
    if (!ids.length) { target.innerHTML = state('empty', 'No members match. Pick another team, or invite members first.'); return; }
    const rows = (await analyze(ids, from, to, tz)).map(flatRow);
    target.innerHTML = `<div class="card">${stackedBars(rows)}</div><div class="card table-wrap"><table id="work"></table></div><div id="drill"></div>`;
    sortable($('#work'), rows, workColumns, workRow);
    if (member) await drill($('#drill'), member, rows[0]?.name || '', from, to, tz);
  });
}

// One member: a bar per day, and their sessions.
async function drill(target, memberId, name, from, to, tz) {
  const days = daysBetween(from, to).slice(-31);
  const perDay = await Promise.all(days.map(async (d) => ({ name: d.slice(5), ...flatRow((await analyze([memberId], d, d, tz))[0]) })));
  const events = await api('GET', `attendance-events?startDate=${from}&endDate=${to}&userId=${encodeURIComponent(memberId)}`);
  target.innerHTML = `<div class="card"><h2>${esc(name)}, day by day</h2>${stackedBars(perDay.map((d) => ({ ...d, name: d.name })), { label: `${name} per day` })}</div>
    <div class="card table-wrap"><h2>Sessions</h2>${sessionsTable(events)}</div>`;
}

function pairsOf(events) {
  const ins = events.filter((e) => e.type === 'CLOCK-IN');
  return ins.map((i) => ({ in: i, out: events.find((e) => e.type === 'CLOCK-OUT' && e.linkedAttendanceEventId === i.id) }));
}

function sessionsTable(events, { deletable = false } = {}) {
  const pairs = pairsOf(events);
  if (!pairs.length) return state('empty', 'No sessions in this range.');
  const seconds = (p) => (p.out ? (Date.parse(`${p.out.timestamp}Z`) - Date.parse(`${p.in.timestamp}Z`)) / 1000 : 0);
  return `<table id="sessions"><thead><tr><th>Date</th><th>In</th><th>Out</th><th class="num">Duration</th><th>Comment</th>${deletable ? '<th></th>' : ''}</tr></thead><tbody>
    ${pairs.map((p) => `<tr><td>${esc(p.in.date)}</td><td>${time(p.in.timestamp)}</td><td>${p.out ? time(p.out.timestamp) : '<span class="badge on">open</span>'}</td>
      <td class="num" data-seconds="${seconds(p)}">${p.out ? hours(seconds(p)) : '—'}</td><td>${esc(p.in.comment || '')}</td>
      ${deletable ? `<td><button type="button" class="danger" data-delete="${esc(p.in.id)}">Delete</button></td>` : ''}</tr>`).join('')}
    </tbody><tfoot><tr><th colspan="3">Total</th><th class="num" id="sessions-total">${hours(pairs.reduce((n, p) => n + seconds(p), 0))}</th><th></th>${deletable ? '<th></th>' : ''}</tr></tfoot></table>`;
}

async function engagementPage(params) {
  const span = Number(params.get('days') || 30);
  main.innerHTML = `<h1>Engagement</h1><div class="row card" role="group" aria-label="Period">
      ${[30, 90, 365].map((d) => `<a class="badge ${d === span ? 'on' : ''}" href="#/engagement?days=${d}" ${d === span ? 'aria-current="true"' : ''}>${d} days</a>`).join('')}</div>
    <div id="chart" class="card"></div>`;
  const target = $('#chart');
  await load(target, async () => {
    const to = localDate(), from = addDays(to, -(span - 1));
    const range = `start=${from}T00:00:00.000Z&end=${to}T23:59:59.000Z&timeZone=${encodeURIComponent(zone())}`;
    const [active, created] = await Promise.all([api('GET', `v1/engagement-dashboard/users/active-users?${range}`), api('GET', `v1/engagement-dashboard/users/new-users?${range}`)]);
    const count = (payload) => new Map(payload.month.map((d) => [`${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`, d.users]));
    const a = count(active), n = count(created), days = daysBetween(from, to);
    if (![...a.values(), ...n.values()].some(Boolean)) { target.innerHTML = state('empty', 'No activity in this period yet: members show up here once they clock in.'); return; }
    target.innerHTML = lineChart([
      { name: 'Daily active users', color: 'var(--accent)', points: days.map((d) => ({ label: d, value: a.get(d) || 0 })) },
      { name: 'New users', color: 'var(--idle)', points: days.map((d) => ({ label: d, value: n.get(d) || 0 })) },
    ], { label: `Daily active and new users over ${span} days` }) + `<p>Peak: <b id="peak">${Math.max(0, ...a.values())}</b> active users in a day.</p>`;
  });
}

async function attendancePage(params) {
  const to = params.get('to') || localDate(), from = params.get('from') || addDays(to, -13);
  const people = await members().catch(() => []);
  const member = params.get('member') || session.me.id;
  const own = member === session.me.id;
  main.innerHTML = `<h1>Attendance</h1>
    ${own ? `<div class="row card"><button type="button" id="clock-in">Clock in</button><button type="button" class="secondary" id="clock-out">Clock out</button></div>` : ''}
    <form class="filters card" id="filters">
      ${session.me.manager ? `<label>Member<select name="member">${people.map((m) => `<option value="${esc(m.id)}" ${m.id === member ? 'selected' : ''}>${esc(displayName(m))}</option>`).join('')}</select></label>` : ''}
      <label>From<input type="date" name="from" value="${esc(from)}" required></label><label>To<input type="date" name="to" value="${esc(to)}" required></label>
      <button type="submit">Show</button><button type="button" class="secondary" id="csv">Download CSV</button></form>
    <div id="timesheet" class="card table-wrap"></div>
    <form class="filters card" id="pair"><h2 style="width:100%">Add a session</h2>
      <label>Clock in (UTC)<input type="datetime-local" name="in" required></label><label>Clock out (UTC)<input type="datetime-local" name="out" required></label>
      <label>Comment<input name="comment"></label><button type="submit">Add</button></form>`;
  const form = $('#filters');
  form.addEventListener('submit', (e) => { e.preventDefault(); location.hash = `#/attendance?${new URLSearchParams([...new FormData(form)])}`; });
  const url = `attendance-events?startDate=${from}&endDate=${to}&userId=${encodeURIComponent(member)}`;
  $('#csv').addEventListener('click', async () => {
    try { download(await api('GET', url, undefined, { accept: 'text/csv' }), `attendance-${from}-${to}.csv`); say('CSV downloaded.'); } catch (e) { say(e.message); }
  });
  const act = (button, path) => button?.addEventListener('click', async () => {
    try { await api('POST', path, { userId: session.me.id }); say(path.endsWith('in') ? 'Clocked in.' : 'Clocked out.'); route(); } catch (e) { say(e.message); }
  });
  act($('#clock-in'), 'attendance-events/clock-in');
  act($('#clock-out'), 'attendance-events/clock-out');
  $('#pair').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = event.target.elements, clockIn = f.in.value;
    try {
      await api('POST', 'attendance-events/create', { date: localDate(new Date(`${clockIn}:00Z`), zone()), clockInTimestampUtc: `${clockIn}:00`,
        clockOutTimestampUtc: `${f.out.value}:00`, userId: member, clockInComment: f.comment.value || undefined });
      say('Session added.');
      route();
    } catch (e) { say(e.message); }
  });
  const target = $('#timesheet');
  await load(target, async () => {
    target.innerHTML = `<h2>Timesheet</h2>${sessionsTable(await api('GET', url), { deletable: session.me.manager || own })}`;
    target.querySelectorAll('[data-delete]').forEach((b) => b.addEventListener('click', async () => {
      if (!confirm('Delete this session (both events)?')) return;
      try { await api('DELETE', `attendance-events/${b.dataset.delete}`); say('Session deleted.'); route(); } catch (e) { say(e.message); }
    }));
  });
}

const roles = ['Owner', 'Executive manager', 'Team manager', 'Project manager', 'Project viewer', 'Regular User'];

async function membersPage() {
  if (!session.me.manager) { main.innerHTML = state('error', 'Only owners and executive managers manage members.'); return; }
  main.innerHTML = `<h1>Members</h1>
    <form class="filters card" id="invite"><h2 style="width:100%">Invite a member</h2>
      <label>Email<input type="email" name="email" required></label><label>First name<input name="firstname" required></label>
      <label>Last name<input name="lastname" required></label>
      <label>Role<select name="role">${roles.slice(1).map((r) => `<option ${r === 'Regular User' ? 'selected' : ''}>${r}</option>`).join('')}</select></label>
      <button type="submit">Invite</button></form><div id="invited"></div>
    <div id="list" class="card table-wrap"></div>`;
  $('#invite').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = event.target.elements;
    try {
      const invited = data(await api('POST', 'v2/members', { email: f.email.value, firstname: f.firstname.value, lastname: f.lastname.value, role: f.role.value }));
      $('#invited').innerHTML = `<div class="card"><p>Invitation created. Send this link to ${esc(f.email.value)}; it works once:</p><code class="link" id="invitation-link">${esc(invited.invitation_link)}</code></div>`;
      event.target.reset();
      await listMembers();
    } catch (e) { say(e.message); }
  });
  await listMembers();
}

async function listMembers() {
  const target = $('#list');
  await load(target, async () => {
    const all = data(await api('GET', 'v2/members?per_page=200&status=active,invited,deleted'));
    if (!all.length) { target.innerHTML = state('empty', 'No members yet: invite one above.'); return; }
    target.innerHTML = `<table id="members"><thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Status</th><th></th></tr></thead><tbody>
      ${all.map((m) => `<tr data-member="${esc(m.id)}"><td>${esc(displayName(m))}</td><td>${esc(m.email)}</td>
        <td><select aria-label="Role of ${esc(displayName(m))}" data-role="${esc(m.id)}" ${m.status === 'deleted' ? 'disabled' : ''}>${roles.map((r) => `<option ${r === m.current_role ? 'selected' : ''}>${r}</option>`).join('')}</select></td>
        <td><span class="badge ${m.status === 'active' ? 'on' : ''}">${esc(m.status)}</span></td>
        <td>${m.status === 'deleted' ? `<button type="button" class="secondary" data-restore="${esc(m.id)}">Restore</button>` : `<button type="button" class="danger" data-deactivate="${esc(m.id)}">Deactivate</button>`}</td></tr>`).join('')}
      </tbody></table>`;
    const change = async (work, done) => { try { await work(); say(done); await listMembers(); } catch (e) { say(e.message); await listMembers(); } };
    target.querySelectorAll('[data-role]').forEach((s) => s.addEventListener('change', () => change(() => api('PUT', `v2/members/${s.dataset.role}`, { role: s.value }), 'Role changed.')));
    target.querySelectorAll('[data-deactivate]').forEach((b) => b.addEventListener('click', () => change(() => api('DELETE', `v2/members/${b.dataset.deactivate}`), 'Member deactivated.')));
    target.querySelectorAll('[data-restore]').forEach((b) => b.addEventListener('click', () => change(() => api('POST', `v2/members/${b.dataset.restore}/restore`), 'Member restored.')));
  });
}

// What counts as work (docs/API.md, Work time from activity): a team that only runs the desktop tracker sees no worked
// time until it switches here, so the choice is explained where it is made.
async function settingsPage() {
  if (!session.me.manager) { main.innerHTML = state('error', 'Only owners and executive managers change settings.'); return; }
  const w = data(await api('GET', 'v1/workspaces/current'));
  const checked = (source) => (w.work_time_source === source ? 'checked' : '');
  main.innerHTML = `<h1>Settings</h1>
    <form id="work-source" class="card settings"><h2>What counts as work</h2>
      <fieldset><legend>Worked time comes from</legend>
        <label class="choice"><input type="radio" name="source" value="attendance" ${checked('attendance')}> Clock-ins and clock-outs</label>
        <label class="choice"><input type="radio" name="source" value="activity" ${checked('activity')}> Clock-ins and the desktop tracker's
          activity, for teams that never clock in</label></fieldset>
      <label>A pause longer than this ends a tracker session (minutes)
        <input type="number" name="gap" min="1" max="120" required value="${esc(w.activity_session_gap_minutes)}"></label>
      <p>With the tracker's activity, samples whose pauses are at most that long form one session, and the pauses count
        as idle time. Saving a change recomputes past days from the samples already recorded.</p>
      <button type="submit">Save</button></form>`;
  $('#work-source').addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = event.target.elements;
    try {
      const saved = data(await api('PUT', 'v1/workspaces/current',
        { work_time_source: f.source.value, activity_session_gap_minutes: Number(f.gap.value) }));
      say(saved.work_time_source === 'activity'
        ? 'Saved: worked time now comes from clock-ins and the desktop tracker.' : 'Saved: worked time now comes from clock-ins.');
    } catch (e) { say(e.message); }
  });
}

// ---- Routing ------------------------------------------------------------------------------------------------------

const pages = {
  overview: overviewPage, 'work-time': workTimePage, engagement: engagementPage, attendance: attendancePage, members: membersPage,
  settings: settingsPage,
};

function signOut(message) {
  session.clear();
  location.hash = '';
  route();
  if (message) say(message);
}

async function route() {
  const header = $('.top');
  if (!session.token) { header.hidden = true; signInPage(); return; }
  header.hidden = false;
  const [path, query] = location.hash.replace(/^#\//, '').split('?');
  const page = pages[path] ? path : 'overview';
  $('#who').textContent = `${session.me.name} · ${session.me.role} · ${session.me.workspace}`;
  document.querySelectorAll('[data-manager]').forEach((a) => { a.hidden = !session.me.manager; });
  document.querySelectorAll('nav a').forEach((a) => { if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current'); });
  document.title = `TimeTracker · ${page}`;
  try { await pages[page](new URLSearchParams(query)); } catch (e) { main.innerHTML = state('error', e.message); }
  main.focus();
}

$('#sign-out').addEventListener('click', () => signOut('Signed out.'));
window.addEventListener('hashchange', route);
route();
