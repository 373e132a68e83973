// xxgk web app, the office's register (申请台账): import the office's Excel ledger with a preview and an
// editable column mapping, the reply deadlines (overdue, due within five working days), tables 2–4 computed
// from the register, the report draft, the cross-check against the published report, and the records one by
// one. Uses app.js's helpers ($, el, api, download, SESSION, isAdmin).
'use strict';

const REG = {body: null, canWrite: true, apps: []};
const regJson = (body) => ({method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
const regParams = (extra = {}) => {
  const f = new FormData($('#register-body'));
  const p = new URLSearchParams({body: REG.body, ...extra});
  if (f.get('date')) p.set('date', f.get('date'));
  return p;
};
const regYear = () => new FormData($('#register-body')).get('year');
const regMsg = (text, bad) => { const m = $('#register-msg'); m.textContent = text; m.className = bad ? 'error-text' : 'where'; };

async function loadRegister() {
  const year = $('#register-body input[name=year]');
  if (!year.value) year.value = new Date().getFullYear() - 1;
  try {
    const {bodies, own, can_write} = await api('/api/register/bodies');
    REG.canWrite = can_write;
    for (const id of ['#register-writer', '#register-writer-2', '#app-form']) $(id).hidden = !can_write;
    const select = $('#register-body select[name=body]');
    const list = own ? [own] : bodies;
    select.replaceChildren(...list.map((b) => el('option', {value: b.id}, b.applications !== undefined ? `${b.name}（${b.applications} 件）` : b.name)));
    $('#register-body input[name=body_name]').hidden = !!own || !isAdmin();
    if (REG.body && list.some((b) => String(b.id) === String(REG.body))) select.value = REG.body;
    if (select.value) { REG.body = select.value; await openRegister(); }
    else regMsg(isAdmin() ? '还没有台账：填写机关全称后导入台账文件。' : '没有可查看的台账。');
  } catch (e) { regMsg(e.message, true); }
}

async function openRegister(ev) {
  if (ev) ev.preventDefault();
  const f = new FormData($('#register-body'));
  if (f.get('body')) REG.body = f.get('body');
  if (!REG.body) return;
  regMsg('');
  await Promise.all([loadDue(), loadLedgerTables(), loadApps(), loadCounts()]);
}

// ---- import with a preview ----
async function previewLedger(ev, mapping) {
  if (ev) ev.preventDefault();
  const form = $('#ledger-form');
  const file = form.file.files[0];
  if (!file) return;
  const name = new FormData($('#register-body')).get('body_name');
  const p = new URLSearchParams({mode: form.mode.value, dry_run: '1', name: file.name});
  if (name) p.set('body_name', name); else if (REG.body) p.set('body', REG.body);
  if (mapping) p.set('mapping', JSON.stringify(mapping));
  const box = $('#ledger-preview');
  try {
    const r = await api('/api/register/import?' + p, {method: 'POST', body: await file.arrayBuffer()});
    box.replaceChildren(...previewView(r, file, p));
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

function previewView(r, file, p) {
  const out = [];
  out.push(el('p', {}, `${r.file}：表头在第 ${r.header_row} 行，读出 ${r.applications} 件申请，跳过空行 ${r.blank_rows} 行。` +
    (r.summary ? `将新增 ${r.summary.added}、更新 ${r.summary.updated}、未变 ${r.summary.unchanged}` + (r.summary.removed ? `、删除 ${r.summary.removed}` : '') + ' 件。' : '')));
  // The mapping: each field with the header it is read from, editable; re-preview with the edits.
  const mapTable = el('table', {class: 'list', id: 'ledger-mapping'}, el('tr', {}, el('th', {}, '字段'), el('th', {}, '台账中的列（表头）')));
  for (const f of r.fields) {
    mapTable.append(el('tr', {}, el('td', {}, f.label), el('td', {}, el('input', {name: f.key, value: r.mapping[f.key] || '', size: 18, list: 'ledger-headers'}))));
  }
  const headers = el('datalist', {id: 'ledger-headers'}, ...[...Object.values(r.mapping), ...r.unused_columns].map((h) => el('option', {value: h})));
  const again = el('button', {type: 'button', onclick: () => {
    const m = {};
    for (const i of mapTable.querySelectorAll('input')) if (i.value) m[i.name] = i.value;
    previewLedger(null, m);
  }}, '按此对应重新预览');
  out.push(el('details', {}, el('summary', {}, '列的对应（导入后保存，下次沿用）' + (r.unused_columns.length ? `；未使用的列：${r.unused_columns.join('、')}` : '')), mapTable, headers, again));
  if (r.errors.length) {
    out.push(el('p', {class: 'error-text'}, `有 ${r.errors.length} 处无法读取，改正后再导入（不会只导入一部分）：`));
    out.push(el('ul', {class: 'findings', id: 'ledger-errors'}, ...r.errors.map((e) => el('li', {class: 'sev-error'}, e.text))));
    return out;
  }
  const rows = el('table', {class: 'list'}, el('tr', {}, ...['编号', '收到', '类型', '答复', '办理结果'].map((h) => el('th', {}, h))));
  for (const a of r.preview) rows.append(el('tr', {}, el('td', {}, a.serial), el('td', {}, a.received || a.submitted), el('td', {}, a.kind_label), el('td', {}, a.replied || '—'), el('td', {}, a.outcome_label || '办理中')));
  out.push(el('p', {}, `前 ${r.preview.length} 件：`), rows);
  out.push(el('button', {type: 'button', id: 'ledger-confirm', onclick: async () => {
    p.delete('dry_run');
    const m = {};
    for (const i of mapTable.querySelectorAll('input')) if (i.value) m[i.name] = i.value;
    p.set('mapping', JSON.stringify(m));
    try {
      const done = await api('/api/register/import?' + p, {method: 'POST', body: await file.arrayBuffer()});
      $('#ledger-preview').replaceChildren(el('p', {class: 'ok-text'}, `已导入：新增 ${done.summary.added}，更新 ${done.summary.updated}，未变 ${done.summary.unchanged}` + (done.summary.removed ? `，删除 ${done.summary.removed}` : '') + ' 件。'));
      REG.body = String(done.body);
      $('#register-body input[name=body_name]').value = '';
      await loadRegister();
    } catch (e) { alert(e.message); }
  }}, '确认导入'));
  return out;
}

// ---- deadlines ----
async function loadDue() {
  const box = $('#ledger-due');
  try {
    const d = await api('/api/register/due?' + regParams());
    const n = d.counts;
    const tiles = el('div', {class: 'tiles'}, ...[['已逾期', n.overdue], ['5 个工作日内到期', n.due_soon], ['办理中', n.open], ['等待补正', n.awaiting_correction], ['逾期答复', n.replied_late], ['按期答复', n.replied]]
      .map(([k, v]) => el('div', {class: 'tile'}, el('b', {}, String(v)), el('span', {}, k))));
    const list = el('table', {class: 'list', id: 'due-list'}, el('tr', {}, ...['编号', '申请人', '收到', '答复期限', '状态', '剩余/逾期', '依据'].map((h) => el('th', {}, h))));
    for (const i of d.items.filter((x) => x.state !== 'open')) {
      const left = i.state === 'overdue' ? `逾期 ${i.days_late} 个工作日` : i.state === 'awaiting_correction' ? '—' : `${i.working_days_left} 个工作日`;
      list.append(el('tr', {'data-state': i.state}, el('td', {}, i.serial), el('td', {}, i.applicant), el('td', {}, i.received), el('td', {}, i.due || '—'),
        el('td', {class: i.state === 'overdue' ? 'bad' : ''}, i.state_label), el('td', {}, left), el('td', {class: 'where'}, i.basis)));
    }
    const findings = el('ul', {class: 'findings', id: 'ledger-findings'}, ...d.findings.map((f) => el('li', {class: 'sev-' + f.severity}, el('b', {}, `${f.rule} ${f.title}`), ' ', f.message)));
    box.replaceChildren(el('p', {}, `截至 ${d.today}；本台账共收取信息处理费 ${d.fees_charged_yuan} 元。`), tiles, list,
      ...d.errors.map((e) => el('p', {class: 'error-text'}, e)), d.findings.length ? el('h3', {}, `台账问题（${d.findings.length}）`) : '', findings);
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

// ---- tables, draft, cross-check ----
async function loadLedgerTables() {
  const box = $('#ledger-tables');
  try {
    const t = await api('/api/register/tables?' + regParams({year: regYear()}));
    box.replaceChildren(el('p', {}, `${t.year} 年度，${t.format_name}。`), ...ledgerTableView(t), ...t.problems.map((p) => el('p', {class: 'error-text'}, p)));
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

function ledgerTableView(t) {
  const out = [];
  const table = el('table', {class: 'tpl', id: 'ledger-t3'});
  table.append(el('tr', {}, el('th', {}, '表三'), ...t.t3_cols.map((c) => el('th', {}, c.label))));
  const cols = t.t3_cols;
  for (const r of t.t3_rows) {
    const vals = t.tables.t3[r.key] || {};
    table.append(el('tr', {'data-row': r.key}, el('td', {}, r.label), ...cols.map((c) => el('td', {class: 'n'}, vals[c.key] ?? '—'))));
  }
  out.push(table);
  const t4 = t.tables.t4 || {};
  out.push(el('p', {id: 'ledger-t4'}, '表四：' + Object.entries({review: '行政复议', lit_direct: '未经复议直接起诉', lit_after_review: '复议后起诉'})
    .map(([k, name]) => `${name} ${t4[k] ? t4[k].total ?? '—' : '—'} 件`).join('；')));
  return out;
}

async function downloadDraft(to) {
  try { download(await api('/api/register/draft?' + regParams({year: regYear(), to})), `报告草稿.${to}`); } catch (e) { alert(e.message); }
}

async function crossCheck() {
  const box = $('#ledger-check-result');
  try {
    const r = await api('/api/register/check?' + regParams({year: regYear()}));
    box.replaceChildren(r.findings.length
      ? el('ul', {class: 'findings'}, ...r.findings.map((f) => el('li', {class: 'sev-error'}, el('b', {}, 'A4 '), f.message)))
      : el('p', {class: 'ok-text'}, `${r.agency} ${r.year} 年度报告的表三、表四与台账一致。`));
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

// ---- table 2 data ----
async function loadCounts() {
  try {
    const c = await api('/api/register/counts?' + regParams({year: regYear()}));
    for (const k of ['licenses', 'penalties', 'coercions', 'fees_wan']) $('#counts-form').elements[k].value = c[k] ?? '';
  } catch (e) { /* a reviewer without a year yet: nothing to show */ }
}

async function saveCounts(ev) {
  ev.preventDefault();
  const f = new FormData($('#counts-form'));
  try { await api('/api/register/counts?' + regParams({year: regYear()}), regJson(Object.fromEntries(f))); loadLedgerTables(); } catch (e) { alert(e.message); }
}

async function importRegulations(ev) {
  ev.preventDefault();
  const file = $('#regulations-form').file.files[0];
  try {
    const r = await api('/api/register/regulations?' + regParams(), {method: 'POST', body: await file.arrayBuffer()});
    regMsg(`已导入规章和规范性文件 ${r.imported} 件。`);
    loadLedgerTables();
  } catch (e) { alert(e.message); }
}

// ---- records ----
async function loadApps() {
  try {
    const {applications} = await api('/api/register/applications?' + regParams());
    REG.apps = applications;
    renderApps();
  } catch (e) { $('#ledger-apps').replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

function renderApps() {
  const q = $('#app-filter').value.trim();
  const shown = REG.apps.filter((a) => !q || a.serial.includes(q) || a.applicant.includes(q)).slice(0, 50);
  const table = el('table', {class: 'list', id: 'apps-table'}, el('tr', {}, ...['编号', '收到', '渠道', '申请人', '类型', '答复', '办理结果', '收费', ''].map((h) => el('th', {}, h))));
  for (const a of shown) {
    const actions = REG.canWrite ? [el('button', {type: 'button', onclick: () => editApp(a)}, '编辑'),
      el('button', {type: 'button', onclick: async () => {
        if (!confirm(`删除申请 ${a.serial}？`)) return;
        try { await api(`/api/register/applications/${a.id}/delete?` + regParams(), {method: 'POST'}); openRegister(); } catch (e) { alert(e.message); }
      }}, '删除')] : [];
    table.append(el('tr', {}, el('td', {}, a.serial), el('td', {}, a.received || a.submitted), el('td', {}, a.channel_label), el('td', {}, a.applicant),
      el('td', {}, a.kind_label), el('td', {}, a.replied || '—'), el('td', {}, a.outcome_label || '办理中'), el('td', {class: 'n'}, a.fee_yuan || ''), el('td', {}, ...actions)));
  }
  $('#ledger-apps').replaceChildren(el('p', {}, `共 ${REG.apps.length} 件` + (shown.length < REG.apps.length ? `，显示 ${shown.length} 件` : '') + '。'), table);
}

function editApp(a) {
  const f = $('#app-form');
  for (const i of f.elements) {
    if (!i.name) continue;
    const m = /^(review|litigation)_(outcome|filed_year|ended_year)$/.exec(i.name);
    i.value = m ? ((a[m[1]] || {})[m[2]] ?? '') : i.name === 'outcome' ? (a.outcome_label || '') : (a[i.name] ?? '');
  }
  f.scrollIntoView();
}

async function saveApp(ev) {
  ev.preventDefault();
  const body = Object.fromEntries(new FormData($('#app-form')));
  body.id = Number(body.id) || 0;
  // 复议 and 诉讼 travel as objects {outcome, filed_year, ended_year}.
  for (const k of ['review', 'litigation']) {
    body[k] = {outcome: body[k + '_outcome'], filed_year: body[k + '_filed_year'], ended_year: body[k + '_ended_year']};
    for (const f of ['_outcome', '_filed_year', '_ended_year']) delete body[k + f];
  }
  try {
    await api('/api/register/applications?' + regParams(), regJson(body));
    $('#app-form').reset();
    $('#app-form').elements.id.value = 0;
    openRegister();
  } catch (e) { alert(e.message); }
}

document.addEventListener('DOMContentLoaded', () => {
  $('#register-body').addEventListener('submit', openRegister);
  $('#ledger-form').addEventListener('submit', (ev) => previewLedger(ev));
  $('#counts-form').addEventListener('submit', saveCounts);
  $('#regulations-form').addEventListener('submit', importRegulations);
  $('#app-form').addEventListener('submit', saveApp);
  $('#app-filter').addEventListener('input', renderApps);
  $('#ledger-check').addEventListener('click', crossCheck);
  for (const b of document.querySelectorAll('button[data-draft]')) b.addEventListener('click', () => downloadDraft(b.dataset.draft));
  $('#outcomes').replaceChildren(...['予以公开', '部分公开', '不予公开—属于国家秘密', '不予公开—其他法律行政法规禁止公开', '不予公开—危及“三安全一稳定”',
    '不予公开—保护第三方合法权益', '不予公开—属于三类内部事务信息', '不予公开—属于四类过程性信息', '不予公开—属于行政执法案卷', '不予公开—属于行政查询事项',
    '无法提供—本机关不掌握相关政府信息', '无法提供—没有现成信息需要另行制作', '无法提供—补正后申请内容仍不明确', '不予处理—信访举报投诉类申请', '不予处理—重复申请',
    '不予处理—要求提供公开出版物', '不予处理—无正当理由大量反复申请', '不予处理—要求行政机关确认或重新出具已获取信息', '其他处理—逾期不补正', '其他处理—逾期未缴费', '其他处理—其他']
    .map((v) => el('option', {value: v})));
});
