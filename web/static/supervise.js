// xxgk web app, the supervisor's tab (监督): coverage of a year over the registry, rectification items, the
// registry itself (import with a preview, move, alias) and reports waiting to be matched to a body; and the
// review controls on a stored report's findings. Uses app.js's helpers ($, el, api, SESSION, isAdmin).
'use strict';

const isReviewer = () => isAdmin() || (SESSION.account && SESSION.account.role === 'reviewer');
const pct = (rate) => rate && rate.value !== null ? `${(rate.value * 100).toFixed(1)}%（${rate.numerator}/${rate.denominator}）` : '—';
const json = (body) => ({method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});

async function loadSupervise() {
  $('#registry-admin').hidden = !isAdmin();
  try {
    const {bodies} = await api('/api/registry');
    const select = $('#coverage-form select[name=under]');
    const chosen = select.value;
    select.replaceChildren(el('option', {value: ''}, '名录全部'),
      ...bodies.map((b) => el('option', {value: b.id}, '\u3000'.repeat(b.depth) + b.name)));
    select.value = chosen;
    if (isAdmin()) { renderRegistry(bodies); loadUnmatched(); }
  } catch (e) { $('#coverage').replaceChildren(el('p', {class: 'error-text'}, e.message)); }
  if (!$('#coverage-form input[name=year]').value) $('#coverage-form input[name=year]').value = new Date().getFullYear() - 1;
  loadItems();
}

async function loadCoverage(ev) {
  if (ev) ev.preventDefault();
  const f = new FormData($('#coverage-form'));
  const box = $('#coverage');
  try {
    const params = new URLSearchParams({year: f.get('year')});
    if (f.get('under')) params.set('under', f.get('under'));
    const c = await api('/api/coverage?' + params);
    const n = c.counts;
    if (!n.due) { box.replaceChildren(el('p', {}, '名录为空或范围内没有机关：请管理员先导入机关名录。')); return; }
    const tiles = el('div', {class: 'tiles'},
      ...[['应发布', n.due], ['已发布', n.published], ['按时', n.on_time], ['逾期发布', n.late], ['未发布', n.missing],
          ['其中已过期限', n.missing_overdue], ['无法解析', n.unreadable], ['待审核', n.review_pending], ['需整改', n.rectifying],
          ['已整改', n.rectified]].map(([k, v]) => el('div', {class: 'tile'}, el('b', {}, String(v)), el('span', {}, k))));
    const rates = el('p', {}, `发布率 ${pct(c.rates.published)}，按时率 ${pct(c.rates.on_time)}（发布日期可知的报告中），有错误的报告占 ${pct(c.rates.with_errors)}（不予认定的问题不计）。`);
    const groups = el('table', {class: 'list'}, el('tr', {}, ...['下级', '应发布', '已发布', '逾期', '未发布', '无法解析', '需整改'].map((h) => el('th', {}, h))));
    for (const g of c.groups) {
      const k = g.counts;
      groups.append(el('tr', {}, el('td', {}, g.name), ...[k.due, k.published, k.late, k.missing, k.unreadable, k.rectifying].map((v) => el('td', {class: 'n'}, v))));
    }
    const list = el('table', {class: 'list', id: 'coverage-bodies'}, el('tr', {}, ...['机关', '上级', '状态', '期限', '错误', '审核'].map((h) => el('th', {}, h))));
    for (const b of c.bodies) {
      const name = b.report_id ? el('a', {href: `#library/report/${b.report_id}`}, b.name) : b.name;
      list.append(el('tr', {'data-status': b.status}, el('td', {}, name), el('td', {}, b.parent || '—'),
        el('td', {class: b.status === 'missing' || b.status === 'published_late' ? 'bad' : ''}, b.status_zh),
        el('td', {}, b.deadline || '—'), el('td', {class: 'n'}, b.errors ?? '—'), el('td', {}, b.review_zh || '—')));
    }
    box.replaceChildren(tiles, rates, el('h3', {}, '按下级汇总'), groups, el('h3', {}, '各机关'), list);
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

async function loadItems(ev) {
  if (ev) ev.preventDefault();
  const f = new FormData($('#items-form'));
  const box = $('#items');
  try {
    const params = new URLSearchParams();
    if (f.get('year')) params.set('year', f.get('year'));
    if (f.get('status')) params.set('status', f.get('status'));
    const {items} = await api('/api/rectifications?' + params);
    if (!items.length) { box.replaceChildren(el('p', {}, '没有符合条件的整改事项。')); return; }
    const table = el('table', {class: 'list', id: 'items-table'}, el('tr', {}, ...['机关', '年度', '问题', '期限', '状态', '经过', ''].map((h) => el('th', {}, h))));
    for (const x of items) {
      const history = el('ol', {class: 'events'}, ...x.events.map((e) => el('li', {}, `${e.at} ${e.actor} ${e.event_zh}${e.detail ? '：' + e.detail : ''}`)));
      const close = x.status === 'open' && isReviewer() ? el('button', {type: 'button', onclick: async () => {
        const note = prompt('整改情况（如“已在第 2 版中改正”）：');
        if (!note) return;
        try { await api(`/api/rectifications/${x.id}/close`, json({note})); loadItems(); } catch (e) { alert(e.message); }
      }}, '确认整改完成') : '';
      const body = x.report_id ? el('a', {href: `#library/report/${x.report_id}`}, x.agency) : x.agency;
      table.append(el('tr', {'data-item': x.id}, el('td', {}, body), el('td', {}, x.year), el('td', {}, `${x.rule} ${x.message}`),
        el('td', {class: x.overdue ? 'bad' : ''}, x.due + (x.overdue ? '（已逾期）' : '')), el('td', {}, x.status_zh), el('td', {}, history), el('td', {}, close)));
    }
    box.replaceChildren(table);
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

async function addBody(ev) {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const body = Object.fromEntries(['name', 'parent', 'category', 'region', 'deadline'].map((k) => [k, String(f.get(k) || '')]));
  try {
    await api('/api/registry/add', json(body));
    $('#registry-plan').replaceChildren(el('p', {class: 'ok'}, `已将“${body.name}”加入名录。`));
    ev.target.reset();
    loadSupervise();
  } catch (e) { $('#registry-plan').replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

// ---- indicators, scores and the notice (the year and subtree of the coverage form) ----
function supervisionParams(extra = {}) {
  const f = new FormData($('#coverage-form'));
  const s = new FormData($('#score-form'));
  const params = new URLSearchParams({year: f.get('year'), pack: s.get('pack'), ...extra});
  if (f.get('under')) params.set('under', f.get('under'));
  return params;
}

async function loadScores(ev) {
  if (ev) ev.preventDefault();
  try {
    const ind = await api('/api/indicators?' + supervisionParams());
    const itable = el('table', {class: 'list', id: 'indicators-table'}, el('tr', {}, ...['指标', `${ind.year} 年度`, `${ind.previous_year} 年度`, '档次', '处于红档、黄档的机关'].map((h) => el('th', {}, h))));
    const rate = (r) => r.value !== null ? pct(r) : `—（${r.reason || '无数据'}）`;
    for (const i of ind.indicators) {
      // Each body in a tier, with its own rate (numerator/denominator) and a link to its report.
      const tiered = (i.bodies || []).filter((b) => b.tier).sort((a, b) => (a.tier === 'red' ? 0 : 1) - (b.tier === 'red' ? 0 : 1));
      const names = el('td', {}, ...tiered.slice(0, 30).flatMap((b, k) => [k ? '、' : '',
        el('a', {href: `#library/report/${b.report_id}`, class: b.tier === 'red' ? 'bad' : ''},
           // A ratio states its cases; the copied share of a report's text is a share, not a count.
           `${b.name}（${i.kind === 'ratio' ? pct(b) : (b.value * 100).toFixed(1) + '%'}）`)]),
        tiered.length > 30 ? `……共 ${tiered.length} 个` : (tiered.length ? '' : '—'));
      itable.append(el('tr', {}, el('td', {}, i.name), el('td', {}, rate(i.total)), el('td', {}, rate(i.previous)),
        el('td', {class: i.total.tier === 'red' ? 'bad' : ''}, i.total.tier === 'red' ? '红' : i.total.tier === 'yellow' ? '黄' : ''), names));
    }
    $('#indicators').replaceChildren(el('h3', {}, '主要指标'), itable);
    const s = await api('/api/scores?' + supervisionParams());
    const table = el('table', {class: 'list', id: 'scores-table'}, el('tr', {}, ...['名次', '机关', '得分', '扣分事项'].map((h) => el('th', {}, h))));
    for (const b of s.bodies) {
      const items = b.items.map((x) => `${x.what} −${x.points}`).join('；') || '—';
      table.append(el('tr', {}, el('td', {class: 'n'}, b.rank), el('td', {}, b.report_id ? el('a', {href: `#library/report/${b.report_id}`}, b.name) : b.name),
        el('td', {class: 'n'}, b.score), el('td', {}, items)));
    }
    $('#scores').replaceChildren(el('h3', {}, `排名（${s.pack.name}，满分 ${s.pack.base}）`), el('p', {class: 'msg'}, s.pack.source), table);
  } catch (e) { $('#scores').replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

// 层级汇总: each parent marked 汇总 against the sum of its direct children, for the coverage form's year.
async function loadRollup() {
  const box = $('#rollup');
  try {
    const params = supervisionParams();
    params.delete('pack');
    const {parents} = await api('/api/rollup?' + params);
    if (!parents.length) { box.replaceChildren(el('p', {}, '名录中没有标为“汇总”的机关（管理员可在机关名录中“编辑”）。')); return; }
    const out = [];
    for (const p of parents) {
      const missing = p.missing.length ? `；下级中没有本年度报告的：${p.missing.join('、')}` : '';
      if (p.why) { out.push(el('p', {}, `${p.name}：${p.why}，未核对${missing}。`)); continue; }
      out.push(el('p', {class: p.differences.length ? 'bad' : ''}, `${p.name}：核对 ${p.cells_compared} 个单元格，` +
        (p.differences.length ? `不一致 ${p.differences.length} 处` : '本级数字与下级合计一致') + `${missing}。`));
      if (!p.differences.length) continue;
      const t = el('table', {class: 'list rollup'}, el('tr', {}, ...['单元格', '本级', '下级合计', '相差', '下级明细'].map((h) => el('th', {}, h))));
      for (const d of p.differences) {
        t.append(el('tr', {}, el('td', {}, d.label), el('td', {class: 'n'}, d.parent), el('td', {class: 'n'}, d.children_sum),
                    el('td', {class: 'n'}, d.difference), el('td', {}, d.parts.map((x) => `${x.name} ${x.value}`).join('；') || '—')));
      }
      out.push(t);
    }
    box.replaceChildren(...out);
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

async function downloadNotice(to) {
  const issuer = new FormData($('#score-form')).get('issuer') || '';
  try { download(await api('/api/notice?' + supervisionParams({to, issuer})), `通报.${to}`); }
  catch (e) { alert(e.message); }
}

// ---- the registry (the administrator) ----
async function previewRegistry(ev) {
  ev.preventDefault();
  const form = ev.target;
  const file = form.file.files[0];
  if (!file) return;
  const mode = form.mode.value;
  const box = $('#registry-plan');
  const send = (dry) => api(`/api/registry/import?mode=${mode}&dry_run=${dry ? 1 : 0}&name=${encodeURIComponent(file.name)}`,
                            {method: 'POST', body: file});
  try {
    const {plan} = await send(true);
    const lines = [...plan.added.map((n) => `新增 ${n}`), ...plan.changed.map((c) => `变更 ${c.name}（${c.what}）`), ...plan.removed.map((n) => `移出 ${n}`)];
    const summary = `将新增 ${plan.added.length} 个，变更 ${plan.changed.length} 个，移出 ${plan.removed.length} 个，未变 ${plan.unchanged} 个；将认领此前未匹配的机关 ${plan.matched} 个。`;
    const confirmButton = el('button', {type: 'button', onclick: async () => {
      try {
        const done = await send(false);
        box.replaceChildren(el('p', {class: 'ok'}, `已导入名录：新增 ${done.plan.added.length} 个，变更 ${done.plan.changed.length} 个，移出 ${done.plan.removed.length} 个，认领报告的机关 ${done.plan.matched} 个。`));
        form.reset();
        loadSupervise();
      } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
    }}, '确认导入');
    box.replaceChildren(el('p', {}, summary), el('ul', {class: 'plan'}, ...lines.slice(0, 200).map((l) => el('li', {}, l))),
                        lines.length > 200 ? el('p', {}, `……共 ${lines.length} 项`) : '', el('p', {class: 'actions'}, confirmButton));
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

function renderRegistry(bodies) {
  const table = el('table', {class: 'list', id: 'registry-table'}, el('tr', {}, ...['编号', '机关', '类别', '地区', '发布期限', '汇总', '别名', '报告', ''].map((h) => el('th', {}, h))));
  for (const b of bodies) {
    const move = el('button', {type: 'button', onclick: async () => {
      const to = prompt(`“${b.name}”的新上级机关编号（留空则移到顶层）：`, b.parent_id ?? '');
      if (to === null) return;
      try { await api(`/api/registry/${b.id}/move`, json({parent: to.trim() ? Number(to) : null})); loadSupervise(); } catch (e) { alert(e.message); }
    }}, '调整上级');
    const alias = el('button', {type: 'button', onclick: async () => {
      const name = prompt(`为“${b.name}”添加别名（报告中可能出现的其他写法）：`);
      if (!name) return;
      try { await api(`/api/registry/${b.id}/alias`, json({alias: name})); loadSupervise(); } catch (e) { alert(e.message); }
    }}, '添加别名');
    const edit = el('button', {type: 'button', onclick: async () => {
      const category = prompt(`“${b.name}”的类别（本级政府、部门、乡镇街道、其他）：`, b.category_zh);
      if (category === null) return;
      const deadline = prompt('发布期限（如“3月31日”，指报告年度的次年；留空按《条例》）：', b.deadline || '');
      if (deadline === null) return;
      const aggregates = confirm(`“${b.name}”的报告是否汇总其直接下级（层级汇总）？确定为“是”，取消为“否”。`);
      try { await api(`/api/registry/${b.id}/edit`, json({category, deadline, aggregates})); loadSupervise(); } catch (e) { alert(e.message); }
    }}, '编辑');
    const remove = el('button', {type: 'button', onclick: async () => {
      if (!confirm(`将“${b.name}”移出名录？它的报告保留，下级机关改挂到它的上级。`)) return;
      try { await api(`/api/registry/${b.id}/remove`, json({})); loadSupervise(); } catch (e) { alert(e.message); }
    }}, '移出');
    table.append(el('tr', {'data-body': b.id}, el('td', {class: 'n'}, b.id), el('td', {}, '\u3000'.repeat(b.depth) + b.name), el('td', {}, b.category_zh),
      el('td', {}, b.region || '—'), el('td', {}, b.deadline ? `次年 ${b.deadline}` : '按条例'), el('td', {}, b.aggregates ? '是' : ''),
      el('td', {}, b.aliases.join('、') || '—'), el('td', {class: 'n'}, b.reports), el('td', {}, edit, ' ', move, ' ', alias, ' ', remove)));
  }
  $('#registry-tree').replaceChildren(bodies.length ? table : el('p', {}, '名录为空：请导入机关名录。'));
}

async function loadUnmatched() {
  const box = $('#unmatched');
  try {
    const {bodies} = await api('/api/registry/unmatched');
    if (!bodies.length) { box.replaceChildren(el('p', {}, '没有待认领的报告。')); return; }
    const table = el('table', {class: 'list', id: 'unmatched-table'}, el('tr', {}, ...['报告中的机关名称', '地区', '报告数', '认定为'].map((h) => el('th', {}, h))));
    for (const b of bodies) {
      const select = el('select', {'aria-label': '名录中的机关'}, el('option', {value: ''}, '选择名录中的机关…'),
        ...b.suggestions.map((s) => el('option', {value: s.id}, s.name)), el('option', {value: 'other'}, '其他（输入编号）'));
      const go = el('button', {type: 'button', onclick: async () => {
        let to = select.value;
        if (to === 'other') to = prompt('名录中机关的编号：');
        if (!to) return;
        try { await api('/api/registry/match', json({from: b.agency_id, to: Number(to)})); loadSupervise(); } catch (e) { alert(e.message); }
      }}, '认领');
      table.append(el('tr', {'data-unmatched': b.agency_id}, el('td', {}, b.name), el('td', {}, b.region || '—'), el('td', {class: 'n'}, b.reports), el('td', {}, select, ' ', go)));
    }
    box.replaceChildren(table);
  } catch (e) { box.replaceChildren(el('p', {class: 'error-text'}, e.message)); }
}

// ---- review controls on a stored report's findings (app.js's findingList calls this) ----
function reviewControls(li, f, report, refresh) {
  const r = f.review;
  if (r) {
    const item = r.rectification;
    const state = item ? (item.status === 'open' ? `整改中（期限 ${item.due}）` : '已整改') : r.decision_zh;
    li.append(el('span', {class: 'review ' + r.decision}, `【${state}】`), r.reason ? el('span', {class: 'where'}, `（${r.reason}）`) : '');
  }
  if (!report.store || !isReviewer() || f.severity === 'info') return;
  const id = report.store.report_id;
  const decide = (decision) => async () => {
    let reason = '';
    if (decision === 'dismissed') {
      reason = prompt('不予认定的理由（必填）：');
      if (!reason) return;
    }
    try { await api(`/api/reports/${id}/review`, json({key: f.key, decision, reason})); refresh(); } catch (e) { alert(e.message); }
  };
  const box = el('span', {class: 'review-actions'});
  if (!r || r.decision !== 'confirmed') box.append(el('button', {type: 'button', onclick: decide('confirmed')}, '确认'));
  if (!r || r.decision !== 'dismissed') box.append(el('button', {type: 'button', onclick: decide('dismissed')}, '不予认定'));
  if (r && r.decision === 'confirmed' && !(r.rectification && r.rectification.status === 'open')) {
    box.append(el('button', {type: 'button', onclick: async () => {
      const due = prompt('整改期限（如 2026-03-31）：');
      if (!due) return;
      try { await api(`/api/reports/${id}/rectify`, json({key: f.key, due})); refresh(); } catch (e) { alert(e.message); }
    }}, '列入整改'));
  }
  li.append(' ', box);
}

document.addEventListener('DOMContentLoaded', () => {
  $('#coverage-form').addEventListener('submit', loadCoverage);
  $('#items-form').addEventListener('submit', loadItems);
  $('#registry-form').addEventListener('submit', previewRegistry);
  $('#body-form').addEventListener('submit', addBody);
  $('#score-form').addEventListener('submit', loadScores);
  $('#rollup-button').addEventListener('click', loadRollup);
  $('#coverage-xlsx').addEventListener('click', async () => {
    const params = supervisionParams();
    params.delete('pack');
    try { download(await api('/api/coverage.xlsx?' + params), '发布情况.xlsx'); } catch (e) { alert(e.message); }
  });
  for (const b of document.querySelectorAll('#score-form button[data-notice]')) b.addEventListener('click', () => downloadNotice(b.dataset.notice));
});
