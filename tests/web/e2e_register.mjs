// The office's register in Debian's headless Chromium: the officer of 大兴卫健委 imports a generated year's
// Excel ledger (a preview with the columns it read, then the import), sees the overdue list as of the year's
// last day, the table 3 computed from the register, enters table 2's counts, adds one application by hand and
// downloads the Word draft (saved for the runner, which checks it); the reviewer of 大兴 then reads the
// register without the controls that change it. The expected figures come from the generator
// (expected.json), not from the code under test.
//   node tests/web/e2e_register.mjs URL OFFICE_DIR ARTIFACTS_DIR
import path from 'node:path';
import fs from 'node:fs';
import {check, failures, launch, signIn as signInAt, signOut} from './browser.mjs';

const [url, office, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, {recursive: true});
const expected = JSON.parse(fs.readFileSync(path.join(office, 'expected.json'), 'utf8'));
const browser = await launch();
const signIn = (page, name, password) => signInAt(page, url, name, password);

try {
  const page = await browser.newPage({viewport: {width: 1360, height: 1000}, acceptDownloads: true});
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => d.accept());

  await signIn(page, 'officer.dx', 'officer password 1');
  await page.click('nav a[data-tab=register]');
  await page.locator('#register-body select[name=body] option', {hasText: '北京市大兴区卫生健康委员会'}).waitFor({state: 'attached', timeout: 10000});
  await page.fill('#register-body input[name=year]', '2025');
  await page.fill('#register-body input[name=date]', '2025-12-31');

  // Import: the preview first, with the columns it read; then the whole ledger.
  await page.setInputFiles('#ledger-form input[name=file]', path.join(office, 'ledger.xlsx'));
  await page.click('#ledger-form button[type=submit]');
  await page.locator('#ledger-preview', {hasText: `读出 ${expected.applications} 件申请`}).waitFor({timeout: 20000});
  check(await page.locator('#ledger-mapping input[name=correction_requested]').inputValue() === '补正告知日期',
        'the preview maps a merged two-row header (补正 / 告知日期)');
  check(await page.locator('#ledger-errors').count() === 0, 'the generated ledger reads without errors');
  await page.locator('#ledger-preview').screenshot({path: path.join(artifacts, 'register-1-preview.png')});
  await page.click('#ledger-confirm');
  await page.locator('#ledger-preview', {hasText: `新增 ${expected.applications}`}).waitFor({timeout: 20000});
  check(true, `the ledger is imported (${expected.applications} applications)`);

  // The overdue list as of 2025-12-31.
  await page.locator('#due-list tr[data-state]').first().waitFor({timeout: 10000});
  const overdue = await page.locator('#due-list tr[data-state=overdue] td:first-child').allTextContents();
  check(JSON.stringify(overdue.sort()) === JSON.stringify([...expected.overdue].sort()),
        `the overdue list is the generator's (${overdue.length} of ${expected.overdue.length})`);
  check((await page.locator('#ledger-findings').textContent()).includes('逾期答复'), 'late replies are findings (A1 逾期答复)');
  await page.locator('#ledger-due').screenshot({path: path.join(artifacts, 'register-2-due.png')});

  // Table 3 computed from the register.
  const cell = async (row, col) => {
    const cols = await page.locator('#ledger-t3 tr').first().locator('th').allTextContents();
    const i = cols.indexOf(col);
    return Number(await page.locator(`#ledger-t3 tr[data-row=${row}] td`).nth(i).textContent());
  };
  await page.locator('#ledger-t3 tr[data-row=new_received]').waitFor({timeout: 10000});
  const t3 = expected.table3;
  check(await cell('new_received', '总计') === t3.new_received.total, `一、本年新收 ${t3.new_received.total}`);
  check(await cell('carried_over', '总计') === t3.carried_over.total, `二、上年结转 ${t3.carried_over.total}`);
  check(await cell('results_total', '总计') === t3.results_total.total, `（七）总计 ${t3.results_total.total}`);
  check(await cell('carried_forward', '自然人') === t3.carried_forward.natural_person, `结转下年度（自然人） ${t3.carried_forward.natural_person}`);

  // Table 2's counts, and one application entered by hand (received and replied in 2025: 一 and 予以公开 grow by one).
  const counts = JSON.parse(fs.readFileSync(path.join(office, 'counts.json'), 'utf8'));
  for (const k of ['licenses', 'penalties', 'coercions', 'fees_wan']) await page.fill(`#counts-form input[name=${k}]`, String(counts[k]));
  await page.click('#counts-form button[type=submit]');
  await page.setInputFiles('#regulations-form input[name=file]', path.join(office, 'regulations.csv'));
  await page.click('#regulations-form button[type=submit]');
  await page.locator('#register-msg', {hasText: '已导入规章和规范性文件'}).waitFor({timeout: 10000});
  await page.fill('#app-form input[name=serial]', 'SG-2025-0001');
  await page.selectOption('#app-form select[name=kind]', 'commercial_enterprise');
  await page.fill('#app-form input[name=received]', '2025-06-03');
  await page.fill('#app-form input[name=replied]', '2025-06-20');
  await page.fill('#app-form input[name=outcome]', '予以公开');
  await page.selectOption('#app-form select[name=review_outcome]', 'pending');
  await page.fill('#app-form input[name=review_filed_year]', '2025');
  await page.click('#app-form button[type=submit]');
  await page.locator('#apps-table', {hasText: 'SG-2025-0001'}).waitFor({timeout: 10000}).catch(() => {});
  await page.fill('#app-filter', 'SG-2025');
  await page.locator('#apps-table td', {hasText: 'SG-2025-0001'}).waitFor({timeout: 10000});
  await page.waitForFunction((n) => {
    const row = document.querySelector('#ledger-t3 tr[data-row=new_received]');
    return row && row.lastElementChild.textContent === String(n);
  }, t3.new_received.total + 1, {timeout: 10000});
  check(true, 'an application entered by hand counts in the computed table 3');
  const reviews = expected.table4.review.total + 1;
  check((await page.locator('#ledger-t4').textContent()).includes(`行政复议 ${reviews} 件`), `…and its pending 复议 in table 4 (${reviews})`);
  await page.locator('#ledger-tables').screenshot({path: path.join(artifacts, 'register-3-tables.png')});

  // The draft, in Word.
  const [download] = await Promise.all([page.waitForEvent('download', {timeout: 20000}), page.click('button[data-draft=docx]')]);
  const saved = path.join(artifacts, 'register-draft.docx');
  await download.saveAs(saved);
  check(fs.readFileSync(saved).subarray(0, 2).toString() === 'PK' && download.suggestedFilename().includes('2025年'),
        `the draft downloads as Word: ${download.suggestedFilename()}`);
  await signOut(page);

  // The reviewer of 大兴 reads the register; nothing that changes it is shown.
  await signIn(page, 'reviewer.dx', 'reviewer password 1');
  await page.click('nav a[data-tab=register]');
  await page.fill('#register-body input[name=year]', '2025');
  await page.fill('#register-body input[name=date]', '2025-12-31');
  await page.locator('#register-body select[name=body] option', {hasText: '北京市大兴区卫生健康委员会'}).waitFor({state: 'attached', timeout: 10000});
  await page.click('#register-body button[type=submit]');
  await page.locator('#due-list tr[data-state=overdue]').first().waitFor({timeout: 10000});
  check(await page.locator('#register-writer').isHidden() && await page.locator('#app-form').isHidden(),
        'the reviewer sees the register without import or edit controls');
  await page.screenshot({path: path.join(artifacts, 'register-4-reviewer.png')});
  check(errors.length === 0, 'no script errors: ' + errors.join(' | '));
} finally {
  await browser.close();
}
console.log(failures ? `${failures} failed` : 'register e2e: ok');
process.exit(failures ? 1 : 0);
