// xxgk web app: upload and check (tables drawn like the template, problem cells marked), the report
// library, and statistics. Plain JavaScript; ECharts is bundled into the binary.
'use strict';

const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return e;
};
// Severity words and rule titles come from the rule registry (GET /api/rules); these stand in until it arrives.
const SEV = {error: '错误', warning: '警告', info: '提示'};
const RULES = {};
fetch('/api/rules').then(r => r.ok ? r.json() : []).then(list => {
  for (const r of list) { RULES[r.id] = r; SEV[r.severity] = r.severity_zh; }
}).catch(() => {});
const ruleTitle = (id) => RULES[id] ? `${id} ${RULES[id].title}` : id;
// Names of formats and kinds of body come from the formats (GET /api/formats), like the rules.
const KIND = {};
const FORMAT = {unknown: '未识别'};
const TABLED = new Set();
const formatsLoaded = fetch('/api/formats').then(r => r.ok ? r.json() : {}).then(j => {
  for (const f of j.formats || []) { FORMAT[f.id] = f.name; if (f.has_tables) TABLED.add(f.id); }
  for (const k of j.body_kinds || []) KIND[k.id] = k.zh;
}).catch(() => {});

// The signed-in account (GET /api/session): {mode: 'single'} without accounts, else {mode: 'accounts',
// account, csrf}; every state-changing request carries the CSRF token.
let SESSION = {mode: 'single'};
const isAdmin = () => SESSION.mode === 'single' || (SESSION.account && SESSION.account.role === 'admin');

async function api(path, options = {}) {
  const method = (options.method || 'GET').toUpperCase();
  if (SESSION.csrf && method !== 'GET') options.headers = {...(options.headers || {}), 'X-CSRF-Token': SESSION.csrf};
  const res = await fetch(path, options);
  if (res.status === 401 && SESSION.mode === 'accounts') { SESSION = {mode: 'accounts'}; applySession(); }
  const type = res.headers.get('Content-Type') || '';
  if (!res.ok) {
    let message = `请求失败（${res.status}）`;
    if (type.includes('json')) {
      const j = await res.json();
      if (j.error) {
        // A refusal lists what stands in the way (a render refused for its arithmetic, say): the first few.
        const items = (j.error.findings || []).slice(0, 3).map((f) => '· ' + f.message);
        message = [j.error.message, ...items].join('\n');
      }
    }
    throw new Error(message);
  }
  if (type.includes('json')) return res.json();
  const blob = await res.blob();
  // The name the server gives (Content-Disposition: filename*=UTF-8''…), for download().
  const m = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('Content-Disposition') || '');
  if (m) blob.filename = decodeURIComponent(m[1]);
  return blob;
}

function download(blob, fallback) {
  const name = blob.filename || fallback;
  const a = el('a', {href: URL.createObjectURL(blob), download: name});
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}

// ---- accounts ----
async function loadSession() {
  const res = await fetch('/api/session');
  SESSION = res.status === 401 ? {mode: 'accounts'} : res.ok ? await res.json() : {mode: 'single'};
  applySession();
}

function applySession() {
  const signedIn = SESSION.mode === 'accounts' && SESSION.account;
  $('#account').hidden = !signedIn;
  if (signedIn) $('#account-name').textContent = `${SESSION.account.display_name}（${SESSION.account.role_zh}）`;
  $('header nav').hidden = SESSION.mode === 'accounts' && !signedIn;
  for (const a of document.querySelectorAll('nav a[data-admin]')) a.hidden = !isAdmin() || (a.dataset.tab === 'accounts' && SESSION.mode !== 'accounts');
  showTab();
}

async function login(ev) {
  ev.preventDefault();
  const form = new FormData(ev.target);
  const res = await fetch('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'},
                                         body: JSON.stringify({name: form.get('name'), password: form.get('password')})});
  const j = await res.json();
  if (!res.ok) { $('#login-msg').textContent = j.error ? j.error.message : '登录失败'; return; }
  $('#login-msg').textContent = '';
  ev.target.reset();
  SESSION = {mode: 'accounts', account: j.account, csrf: j.csrf};
  applySession();
  search();
}

async function logout() {
  try { await api('/api/logout', {method: 'POST'}); } catch (e) { /* the session may be gone already */ }
  SESSION = {mode: 'accounts'};
  applySession();
}

async function loadAccounts() {
  const table = $('#accounts-table');
  const {accounts} = await api('/api/users');
  table.replaceChildren(el('tr', {}, ...['账号', '名称', '角色', '范围', '状态', ''].map((h) => el('th', {}, h))));
  for (const a of accounts) {
    const scope = a.role === 'officer' ? (a.agency || '') : a.role === 'admin' ? '全部' :
      a.scopes.map((s) => s.kind === 'agency' ? (s.name || `机关#${s.value}`) : s.value).join('、');
    const toggle = el('button', {type: 'button', onclick: async () => {
      try { await api(`/api/users/${encodeURIComponent(a.name)}/${a.disabled ? 'enable' : 'disable'}`, {method: 'POST', body: '{}'}); loadAccounts(); }
      catch (e) { alert(e.message); }
    }}, a.disabled ? '启用' : '停用');
    const reset = el('button', {type: 'button', onclick: async () => {
      const password = prompt(`为“${a.name}”设置新密码（至少 10 个字符）；该账号已登录的会话将失效，锁定解除：`);
      if (!password) return;
      try {
        await api(`/api/users/${encodeURIComponent(a.name)}/password`, {method: 'POST', headers: {'Content-Type': 'application/json'},
                                                                         body: JSON.stringify({password})});
        $('#account-msg').textContent = `已重设“${a.name}”的密码`;
        $('#account-msg').classList.add('ok');
        loadAccounts();
      } catch (e) { $('#account-msg').textContent = e.message; $('#account-msg').classList.remove('ok'); }
    }}, '重设密码');
    const rescope = a.role === 'admin' ? '' : el('button', {type: 'button', onclick: () => changeScope(a)}, '修改范围');
    table.append(el('tr', {'data-account': a.name}, el('td', {}, a.name), el('td', {}, a.display_name), el('td', {}, a.role_zh),
                    el('td', {}, scope), el('td', {}, a.disabled ? '已停用' : a.locked_until ? '已锁定' : '正常'),
                    el('td', {}, toggle, ' ', reset, ' ', rescope)));
  }
  const {entries} = await api('/api/audit?limit=50');
  const audit = $('#audit-table');
  audit.replaceChildren(el('tr', {}, ...['时间（UTC）', '操作人', '操作', '对象', '说明'].map((h) => el('th', {}, h))));
  for (const e of entries) audit.append(el('tr', {}, el('td', {}, e.at), el('td', {}, e.actor), el('td', {}, e.action_zh || e.action), el('td', {}, e.target), el('td', {}, e.detail)));
}

function splitList(text) { return String(text || '').split(/[,，、]/).map((s) => s.trim()).filter(Boolean); }

// An officer's body, or a reviewer's regions and bodies, asked for in turn.
async function changeScope(a) {
  let body;
  if (a.role === 'officer') {
    const agency = prompt(`“${a.name}”所属机关的全称：`, a.agency || '');
    if (!agency) return;
    body = {agency};
  } else {
    const regions = prompt(`“${a.name}”的审核地区（地区名称的开头，如“北京市大兴区”；多个用逗号分隔，可留空）：`,
                           a.scopes.filter((s) => s.kind === 'region').map((s) => s.value).join('、'));
    if (regions === null) return;
    const bodies = prompt(`“${a.name}”的审核机关（全称，多个用逗号分隔，可留空）：`, '');
    if (bodies === null) return;
    body = {regions: splitList(regions), bodies: splitList(bodies)};
  }
  try {
    await api(`/api/users/${encodeURIComponent(a.name)}/scope`, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    $('#account-msg').textContent = `已修改“${a.name}”的范围`;
    $('#account-msg').classList.add('ok');
    loadAccounts();
  } catch (e) { $('#account-msg').textContent = e.message; $('#account-msg').classList.remove('ok'); }
}

async function addAccount(ev) {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const body = {name: f.get('name'), display_name: f.get('display_name'), role: f.get('role'), agency: f.get('agency'),
                regions: splitList(f.get('regions')), bodies: splitList(f.get('bodies')), password: f.get('password')};
  try {
    const {account} = await api('/api/users', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
    $('#account-msg').textContent = `已添加账号“${account.name}”（${account.role_zh}）`;
    $('#account-msg').classList.add('ok');
    ev.target.reset();
    loadAccounts();
  } catch (e) { $('#account-msg').textContent = e.message; $('#account-msg').classList.remove('ok'); }
}

// ---- tabs ----
function showTab() {
  if (SESSION.mode === 'accounts' && !SESSION.account) {
    for (const s of document.querySelectorAll('.tab')) s.hidden = s.id !== 'tab-login';
    return;
  }
  let tab = (location.hash.slice(1).split('/')[0]) || 'check';
  if (!isAdmin() && tab === 'accounts') tab = 'check';
  for (const s of document.querySelectorAll('.tab')) s.hidden = s.id !== 'tab-' + tab;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.tab === tab);
  const parts = location.hash.slice(1).split('/');
  if (tab === 'library' && parts[1] === 'agency' && parts[2]) showAgency(parts[2]);
  if (tab === 'library' && parts[1] === 'report' && parts[2]) showReport(parts[2]);
  if (tab === 'stats') loadStats();
  if (tab === 'accounts') loadAccounts().catch((e) => { $('#account-msg').textContent = e.message; });
  if (tab === 'supervise' && typeof loadSupervise === 'function') loadSupervise();
  if (tab === 'register' && typeof loadRegister === 'function') loadRegister();
}
window.addEventListener('hashchange', showTab);

// ---- the template's tables ----
const layouts = {};
async function layout(format) {
  if (!layouts[format]) layouts[format] = await api('/api/layout?format=' + encodeURIComponent(format));
  return layouts[format];
}

function cellValue(report, id) {
  let node = report.tables;
  for (const part of id.split('.')) {
    if (node === undefined || node === null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}

function drawTables(report, grids) {
  const box = el('div', {class: 'tables'});
  for (const g of grids.tables) {
    if (!report.tables || !report.tables[g.key]) {
      box.append(el('div', {class: 'tbl-title'}, g.title), el('p', {class: 'error-text'}, '报告中没有这张表。'));
      continue;
    }
    const table = el('table', {class: 'tpl', 'data-table': g.key});
    const total = g.widths.reduce((a, b) => a + b, 0);
    table.append(el('colgroup', {}, g.widths.map(w => el('col', {style: `width:${(100 * w / total).toFixed(1)}%`}))));
    const rows = Array.from({length: g.rows}, () => el('tr'));
    for (const c of g.cells) {
      const attrs = {};
      if (c.rs > 1) attrs.rowspan = c.rs;
      if (c.cs > 1) attrs.colspan = c.cs;
      let cell;
      if (c.id) {
        const v = cellValue(report, c.id);
        cell = el('td', {...attrs, class: 'v', 'data-cell': c.id}, v === null || v === undefined ? '' : String(v));
        if (v === null) cell.classList.add('blank');
      } else {
        cell = el('th', attrs, c.text);
      }
      rows[c.row].append(cell);
    }
    table.append(...rows);
    box.append(el('div', {class: 'tbl-title'}, g.title), table);
  }
  return box;
}

// A finding names every cell its rule involves. The cells it is most likely about are drawn strongly: the
// total it checks (its first cell) and any cell involved in two or more findings (a changed number breaks
// its row and its column); the other cells it involves get a light mark.
function markFindings(card, report) {
  const msg = el('div', {class: 'cell-msg', hidden: true});
  const byCell = {};
  const count = {};
  for (const f of report.findings) {
    if (f.severity === 'info') continue;
    (f.cells || []).forEach((id, k) => {
      (byCell[id] = byCell[id] || []).push(f);
      count[id] = (count[id] || 0) + 1;
      if (k === 0) count[id] += 1;
    });
  }
  for (const [id, list] of Object.entries(byCell)) {
    const td = card.querySelector(`td[data-cell="${CSS.escape(id)}"]`);
    if (!td) continue;
    const error = list.some(f => f.severity === 'error');
    td.classList.add(count[id] >= 2 ? (error ? 'err' : 'warn') : (error ? 'err-part' : 'warn-part'));
    td.title = list.map(f => `${SEV[f.severity]} ${ruleTitle(f.rule)}：${f.message}`).join('\n');
    td.addEventListener('click', () => {
      msg.hidden = false;
      msg.textContent = td.title;
      td.closest('.tables').before(msg);
    });
  }
  return msg;
}

function findingList(card, report) {
  const ul = el('ul', {class: 'findings'});
  for (const f of report.findings) {
    const li = el('li', {class: 'finding', 'data-rule': f.rule},
      el('span', {class: 'badge ' + f.severity}, SEV[f.severity] || f.severity), `${f.rule} `, f.message,
      f.origin === 'corpus' ? '（跨年度）' : '', where(f.at) ? el('span', {class: 'where'}, `（${where(f.at)}）`) : '');
    if (RULES[f.rule]) li.title = `${ruleTitle(f.rule)}。修改建议：${RULES[f.rule].fix}`;
    // A stored report's findings carry their review (supervise.js adds the reviewer's buttons).
    if (report.store && typeof reviewControls === 'function') reviewControls(li, f, report, () => showReport(report.store.report_id));
    if ((f.cells || []).length && card.querySelector('table.tpl')) {
      li.append(el('a', {href: '#', onclick: (e) => {
        e.preventDefault();
        const tds = f.cells.map(id => card.querySelector(`td[data-cell="${CSS.escape(id)}"]`)).filter(Boolean);
        if (!tds.length) return;
        tds[0].scrollIntoView({behavior: 'smooth', block: 'center'});
        for (const td of tds) { td.classList.remove('flash'); void td.offsetWidth; td.classList.add('flash'); }
      }}, f.cells.length > 1 ? `定位（${f.cells.length} 个单元格）` : '定位'));
    }
    ul.append(li);
  }
  if (!report.findings.length) ul.append(el('li', {}, '未发现问题。'));
  return ul;
}

// Where a finding points, as the CLI says it: 第2页, 表格1第3行, 第86行.
function where(at) {
  if (!at) return '';
  let s = at.page ? `第${at.page}页` : '';
  if (at.table >= 0 && at.table !== undefined) {
    s += `表格${at.table + 1}`;
    if (at.row >= 0) s += `第${at.row + 1}行`;
  } else if (at.line) s += `第${at.line}行`;
  return s;
}

async function reportCard(report, file) {
  const counts = {error: 0, warning: 0, info: 0};
  // A finding a reviewer dismissed does not count (it stays listed, marked 不予认定).
  for (const f of report.findings) if (!(f.review && f.review.decision === 'dismissed')) counts[f.severity]++;
  const card = el('div', {class: 'card report', 'data-file': report.source ? report.source.name : ''});
  card.append(
    el('h2', {}, `${report.agency || '（未识别机关）'} ${report.year ? report.year + ' 年度' : ''}`),
    el('div', {class: 'meta'}, `${report.source ? report.source.name : ''} · ${FORMAT[report.format] || report.format}`),
    el('div', {class: 'summary'},
      el('span', {class: 'badge error'}, `错误 ${counts.error}`), el('span', {class: 'badge warning'}, `警告 ${counts.warning}`),
      el('span', {class: 'badge info'}, `提示 ${counts.info}`)));
  const actions = el('div', {class: 'actions'});
  const body = JSON.stringify(report);
  actions.append(
    el('button', {onclick: () => download(new Blob([JSON.stringify(report, null, 2)], {type: 'application/json'}), 'report.json')}, '下载 JSON'),
    el('button', {onclick: async () => download(await api('/api/export.xlsx', {method: 'POST', body}), 'report.xlsx')}, '下载 Excel'),
    el('button', {onclick: async () => {
      try { download(await api('/api/render?to=docx', {method: 'POST', body}), '年度报告.docx'); } catch (e) { alert(e.message); }
    }}, '重新生成 Word'),
    el('button', {onclick: async () => {
      try { download(await api('/api/render?to=html', {method: 'POST', body}), '年度报告.html'); } catch (e) { alert(e.message); }
    }}, '重新生成网页'));
  if (file) {
    actions.append(el('button', {onclick: async (e) => {
      const fd = new FormData(); fd.append('file', file, file.name);
      try { await api('/api/check?store=1', {method: 'POST', body: fd}); e.target.textContent = '已存入年报库'; e.target.disabled = true; }
      catch (err) { alert(err.message); }
    }}, '存入年报库'));
  }
  card.append(actions);
  // The findings first (each with where it points), then the tables they mark.
  const list = el('div');
  card.append(el('h3', {}, '问题清单'), list);
  await formatsLoaded;
  if (TABLED.has(report.format)) {
    card.append(drawTables(report, await layout(report.format)));
    markFindings(card, report);
  }
  list.append(findingList(card, report));
  return card;
}

// One line per checked file at the top, for batches: a supervisor sees every file's counts at once and
// jumps to its card.
let batchSize = 0;
function batchRow(file, report, error) {
  const row = el('tr', {},
    el('td', {}, file.name), el('td', {}, report ? (report.agency || '（未识别）') : ''), el('td', {}, report && report.year ? report.year : ''),
    el('td', {class: 'n'}, report ? report.findings.filter(f => f.severity === 'error').length : ''),
    el('td', {class: 'n'}, report ? report.findings.filter(f => f.severity === 'warning').length : ''),
    el('td', {}, error ? el('span', {class: 'error-text'}, error) : ''));
  $('#batch-table').append(row);
  $('#batch').hidden = false;
  $('#batch-count').textContent = `（${++batchSize} 个）`;
  return row;
}

// The checked files of this page, for storing or exporting them at once.
const BATCH = [];

async function storeBatch() {
  let stored = 0;
  const failed = [];
  for (const {file} of BATCH) {
    const fd = new FormData(); fd.append('file', file, file.name);
    try { await api('/api/check?store=1', {method: 'POST', body: fd}); stored++; }
    catch (e) { failed.push(`${file.name}：${e.message}`); }
  }
  $('#batch-msg').textContent = `已存入 ${stored} 份` + (failed.length ? `；${failed.length} 份未能存入：${failed.join('；')}` : '。');
}

async function exportBatch() {
  const body = JSON.stringify({reports: BATCH.map((b) => b.report)});
  try { download(await api('/api/export.xlsx', {method: 'POST', body}), '本批报告.xlsx'); } catch (e) { alert(e.message); }
}

async function checkFiles(files) {
  const results = $('#results');
  for (const file of files) {
    const placeholder = el('div', {class: 'card'}, `正在核验 ${file.name} …`);
    results.prepend(placeholder);
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      const report = await api('/api/check', {method: 'POST', body: fd});
      const card = await reportCard(report, file);
      placeholder.replaceWith(card);
      BATCH.push({file, report});
      const row = batchRow(file, report, null);
      row.lastChild.append(el('a', {href: '#', onclick: (e) => { e.preventDefault(); card.scrollIntoView({behavior: 'smooth'}); }}, '查看'));
    } catch (e) {
      placeholder.replaceWith(el('div', {class: 'card'}, el('h2', {}, file.name), el('p', {class: 'error-text'}, e.message)));
      batchRow(file, null, e.message);
    }
  }
}

// ---- library ----
// The library, a page at a time (the server pages, sorts and filters).
const PER_PAGE = 50;
async function search(ev, page = 1) {
  if (ev && ev.preventDefault) ev.preventDefault();
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($('#search'))) if (v) params.set(k, v);
  params.set('page', page);
  params.set('per_page', PER_PAGE);
  const box = $('#library-results');
  try {
    const {reports, total} = await api('/api/reports?' + params);
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    const table = el('table', {class: 'list'}, el('tr', {}, ...['年度', '地区', '机关', '格式', '错误', '警告', '逾期', '文件'].map((h, i) => el('th', {class: i === 4 || i === 5 ? 'n' : ''}, h))));
    for (const r of reports) {
      table.append(el('tr', {},
        el('td', {}, r.year ?? '—'), el('td', {}, r.region ?? '—'),
        el('td', {}, r.agency_id ? el('a', {href: `#library/agency/${r.agency_id}`}, r.agency || '—') : (r.agency || '—')),
        el('td', {}, FORMAT[r.format] || r.format), el('td', {class: 'n'}, r.errors), el('td', {class: 'n'}, r.warnings),
        el('td', {}, r.late ? '是' : ''), el('td', {}, el('a', {href: `#library/report/${r.id}`}, r.file), r.current === false ? '（已被新版本取代）' : '')));
    }
    const pager = el('p', {class: 'pager'}, `共 ${total} 份报告，第 ${page} / ${pages} 页 `,
      el('button', {type: 'button', disabled: page <= 1 ? '' : null, onclick: () => search(null, page - 1)}, '上一页'), ' ',
      el('button', {type: 'button', disabled: page >= pages ? '' : null, onclick: () => search(null, page + 1)}, '下一页'));
    box.replaceChildren(pager, table);
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

// A stored report: its findings and marked tables as on 上传核验, the original file, and its versions.
async function showReport(id) {
  const view = $('#agency-view');
  try {
    const report = await api('/api/reports/' + encodeURIComponent(id));
    const card = await reportCard(report, null);
    const original = el('button', {type: 'button', onclick: async () => {
      try { download(await api(`/api/reports/${encodeURIComponent(id)}/original`), report.source ? report.source.name : 'report'); }
      catch (e) { alert(e.message); }
    }}, '下载原文件');
    card.querySelector('.actions').prepend(original);
    if (isAdmin() && report.store) {
      // Deleting removes the stored file, its report and findings; the audit trail keeps who did it.
      card.querySelector('.actions').append(el('button', {type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(`删除“${report.source ? report.source.name : id}”？原文件、解析结果和核验结论将一并删除，此操作记入操作记录，无法撤销。`)) return;
        try {
          await api(`/api/reports/${encodeURIComponent(id)}/delete`, {method: 'POST'});
          view.replaceChildren(el('p', {class: 'ok'}, '已删除。该机关同一年度如有更早的版本，它现在是当前版本。'));
          search();
        } catch (e) { alert(e.message); }
      }}, '删除这份报告'));
    }
    const versions = (report.store && report.store.versions) || [];
    if (versions.length > 1) {
      const list = el('ol', {class: 'versions'});
      for (const v of versions) {
        list.append(el('li', {}, el('a', {href: `#library/report/${v.report_id}`}, v.file), ` · ${v.stored_at} · 错误 ${v.errors} · 警告 ${v.warnings}`,
                       v.current ? '（当前版本）' : '（已被取代）', String(v.report_id) === String(id) ? ' ← 正在查看' : ''));
      }
      card.insertBefore(el('div', {}, el('h3', {}, '版本'), list), card.querySelector('.actions').nextSibling);
    }
    view.replaceChildren(card);
    view.scrollIntoView({behavior: 'smooth'});
  } catch (e) { view.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

async function showAgency(id) {
  const view = $('#agency-view');
  try {
    const a = await api('/api/agencies/' + encodeURIComponent(id));
    const years = el('div', {class: 'years'});
    for (const r of a.reports) {
      const t3 = (r.tables || {}).t3 || {};
      const total = (row) => (t3[row] || {}).total ?? '—';
      years.append(el('div', {class: 'card'},
        el('h3', {}, `${r.year} 年度`),
        el('div', {class: 'meta'}, `${FORMAT[r.format] || r.format} · ${r.source ? r.source.name : ''}`),
        el('p', {}, `新收申请 ${total('new_received')}，上年结转 ${total('carried_over')}，办结 ${total('results_total')}，结转下年度 ${total('carried_forward')}`),
        findingList(el('div'), r)));
    }
    const cmp = el('div');
    for (const c of a.comparisons) {
      if (c.comparable === false) { cmp.append(el('h3', {}, `${c.years[0]} → ${c.years[1]}：${c.why}`)); continue; }
      const t = el('table', {class: 'list'}, el('tr', {}, el('th', {}, '单元格'), el('th', {}, c.years[0]), el('th', {}, c.years[1]), el('th', {}, '变化')));
      for (const x of c.cells) t.append(el('tr', {}, el('td', {}, x.label), el('td', {class: 'n'}, x.a ?? '—'), el('td', {class: 'n'}, x.b ?? '—'),
        el('td', {class: 'n'}, x.change === null ? '' : (x.change > 0 ? '+' : '') + x.change)));
      cmp.append(el('h3', {}, `${c.years[0]} → ${c.years[1]}：${c.cells.length} 个单元格有变化，新出现问题 ${c.new_findings.length} 个，已改正 ${c.fixed_findings.length} 个`));
      if (c.cells.length) cmp.append(t);
    }
    view.replaceChildren(el('h2', {}, `${a.agency.name}（${a.agency.region || '地区未知'} · ${KIND[a.agency.kind] || a.agency.kind}）`), years, cmp);
    view.scrollIntoView({behavior: 'smooth'});
  } catch (e) { view.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

// ---- statistics ----
const charts = {};
function chart(id) {
  if (!window.echarts) return null;
  return charts[id] || (charts[id] = echarts.init(document.getElementById(id)));
}

async function loadStats(ev) {
  if (ev) ev.preventDefault();
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($('#stats-form'))) if (v) params.set(k, v);
  try {
    const s = await api('/api/stats?' + params);
    const groups = s.groups.map(g => g.group === null || g.group === '' ? '（未知）' : (KIND[g.group] || String(g.group)));
    const pct = (x) => x === null ? null : +(x * 100).toFixed(1);
    chart('chart-received')?.setOption({title: {text: '收到申请数'}, tooltip: {}, xAxis: {type: 'category', data: groups},
      yAxis: {type: 'value'}, series: [{type: 'bar', name: '本年新收', data: s.groups.map(g => g.received)}]}, true);
    const outcome = [['granted_share', '予以公开（含部分）'], ['denied_share', '不予公开'], ['unable_share', '无法提供'],
      ['not_processed_share', '不予处理'], ['other_share', '其他处理']];
    chart('chart-outcomes')?.setOption({title: {text: '办理结果构成（%）'}, tooltip: {trigger: 'axis'}, legend: {top: 28},
      grid: {top: 70}, xAxis: {type: 'category', data: groups}, yAxis: {type: 'value', max: 100},
      series: outcome.map(([k, name]) => ({type: 'bar', stack: 'all', name, data: s.groups.map(g => pct(g[k]))}))}, true);
    const rules = [...new Set(s.groups.flatMap(g => Object.keys(g.rule_failure)))].sort();
    chart('chart-rules')?.setOption({title: {text: '各规则不通过的报告占比（%）'}, tooltip: {trigger: 'axis'}, legend: {top: 28},
      grid: {top: 70}, xAxis: {type: 'category', data: rules}, yAxis: {type: 'value'},
      series: s.groups.map((g, i) => ({type: 'bar', name: groups[i], data: rules.map(r => pct(g.rule_failure[r] ?? 0))}))}, true);
    chart('chart-late')?.setOption({title: {text: '逾期发布占比（%）'}, tooltip: {}, xAxis: {type: 'category', data: groups},
      yAxis: {type: 'value'}, series: [{type: 'line', name: '逾期', data: s.groups.map(g => pct(g.late_share))}]}, true);
    const t = el('table', {class: 'list'}, el('tr', {}, ...['分组', '报告数', '收到申请', '办结', '不予公开率（%）', '逾期占比（%）', '有错误占比（%）'].map((h, i) => el('th', {class: i ? 'n' : ''}, h))));
    s.groups.forEach((g, i) => t.append(el('tr', {}, el('td', {}, groups[i]), el('td', {class: 'n'}, g.reports), el('td', {class: 'n'}, g.received),
      el('td', {class: 'n'}, g.results_total), el('td', {class: 'n'}, pct(g.denial_rate) ?? '—'), el('td', {class: 'n'}, pct(g.late_share)),
      el('td', {class: 'n'}, pct(g.error_share)))));
    $('#stats-table').replaceChildren(t, s.failed_documents ? el('p', {}, `另有 ${s.failed_documents} 个文件无法处理，未计入统计。`) : '');
  } catch (e) { $('#stats-table').replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

async function missing(ev) {
  ev.preventDefault();
  const form = new FormData($('#missing-form'));
  const roster = form.get('roster');
  const body = roster && roster.size ? await roster.text() : '';
  try {
    const m = await api('/api/missing?year=' + encodeURIComponent(form.get('year')), {method: 'POST', body});
    const t = el('table', {class: 'list'}, el('tr', {}, ...['地区', '机关', '类别', '截止日期', '状态'].map(h => el('th', {}, h))));
    for (const x of m.missing) t.append(el('tr', {}, el('td', {}, x.region ?? '—'), el('td', {}, x.name), el('td', {}, KIND[x.kind] || x.kind),
      el('td', {}, x.deadline ?? '无法定期限'), el('td', {}, x.overdue === null ? '' : x.overdue ? '已逾期未发布' : '尚未到期')));
    $('#missing').replaceChildren(el('p', {}, `${m.year} 年度：名录 ${m.rostered} 个机关，已发布 ${m.published} 个，未发布 ${m.missing.length} 个。`), t);
  } catch (e) { $('#missing').replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

// ---- wiring ----
document.addEventListener('DOMContentLoaded', () => {
  const drop = $('#drop');
  $('#files').addEventListener('change', (e) => { checkFiles([...e.target.files]); e.target.value = ''; });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); checkFiles([...e.dataTransfer.files]); });
  $('#search').addEventListener('submit', search);
  $('#export-library').addEventListener('click', async () => {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData($('#search'))) if (v) params.set(k, v);
    try { download(await api('/api/export.xlsx?' + params), '年报库.xlsx'); } catch (e) { alert(e.message); }
  });
  $('#download-originals').addEventListener('click', async () => {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData($('#search'))) if (v && k !== 'sort') params.set(k, v);
    try { download(await api('/api/originals.zip?' + params), '年报原文件.zip'); } catch (e) { alert(e.message); }
  });
  $('#stats-form').addEventListener('submit', loadStats);
  $('#missing-form').addEventListener('submit', missing);
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  $('#login-form').addEventListener('submit', login);
  $('#batch-store').addEventListener('click', storeBatch);
  $('#batch-export').addEventListener('click', exportBatch);
  // The drop zone is a label: Enter or Space on it opens the file chooser, as a click does.
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('#files').click(); } });
  $('#logout').addEventListener('click', logout);
  $('#account-form').addEventListener('submit', addAccount);
  loadSession().then(() => { if (SESSION.mode === 'single' || SESSION.account) search(); });
});
