// The supervisor's year in Debian's headless Chromium: the administrator imports the registry (preview,
// then import); the officer stores its report with two errors; the reviewer confirms one finding, dismisses
// the other and opens a rectification item; coverage and the item show in the 监督 tab; the officer stores
// the corrected version, which closes the item by itself; the administrator scores and downloads the
// notice in Word. Screenshots go to ARTIFACTS_DIR.
//   node tests/web/e2e_supervise.mjs URL SAMPLES_DIR ARTIFACTS_DIR
import path from 'node:path';
import fs from 'node:fs';
import {check, failures, launch, signIn as signInAt, signOut} from './browser.mjs';

const [url, samples, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, {recursive: true});
const browser = await launch();
const signIn = (page, name, password) => signInAt(page, url, name, password);



async function store(page, file) {
  await page.click('nav a[data-tab=check]');
  await page.setInputFiles('#files', path.join(samples, file));
  const card = page.locator(`.card.report[data-file="${file}"]`);
  await card.waitFor({timeout: 20000});
  await card.locator('button', {hasText: '存入年报库'}).click();
  await card.locator('button', {hasText: '已存入年报库'}).waitFor({timeout: 10000});
}

const registry = '名称,上级机关,类别,地区,汇总\n北京市大兴区人民政府,,本级政府,北京市大兴区,否\n' +
                 '北京市大兴区卫生健康委员会,北京市大兴区人民政府,部门,北京市大兴区,否\n北京市大兴区教育委员会,北京市大兴区人民政府,部门,北京市大兴区,否\n';

try {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}, acceptDownloads: true});
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let answers = [];
  page.on('dialog', async (d) => { const a = answers.shift(); if (a === undefined) await d.dismiss(); else await d.accept(a); });

  // The administrator imports the registry: a preview first, then the import.
  await signIn(page, 'admin.a', 'admin password 1');
  await page.click('nav a[data-tab=supervise]');
  await page.locator('#registry-admin').waitFor({state: 'visible', timeout: 10000});
  await page.setInputFiles('#registry-form input[name=file]', {name: '名录.csv', mimeType: 'text/csv', buffer: Buffer.from(registry)});
  await page.click('#registry-form button[type=submit]');
  await page.locator('#registry-plan', {hasText: '将新增 3 个'}).waitFor({timeout: 10000});
  check(true, 'the registry import shows its plan first (将新增 3 个)');
  await page.locator('#registry-plan button', {hasText: '确认导入'}).click();
  await page.locator('#registry-table tr[data-body]').nth(2).waitFor({timeout: 10000});
  check((await page.locator('#registry-table').textContent()).includes('北京市大兴区教育委员会'), 'the registry tree lists the imported bodies');
  // The district's report sums its departments (层级汇总): set in the row's 编辑 (two prompts, one confirmation).
  answers = ['本级政府', '3月31日', 'yes'];
  await page.locator('#registry-table tr', {hasText: '北京市大兴区人民政府'}).locator('button', {hasText: '编辑'}).click();
  await page.locator('#registry-table tr', {hasText: '北京市大兴区人民政府'}).locator('td', {hasText: '是'}).waitFor({timeout: 10000});
  check(true, 'the administrator marks the district as summing its departments');
  // One more body, through the form.
  await page.fill('#body-form input[name=name]', '北京市大兴区统计局');
  await page.fill('#body-form input[name=parent]', '北京市大兴区人民政府');
  await page.selectOption('#body-form select[name=category]', '部门');
  await page.click('#body-form button[type=submit]');
  await page.locator('#registry-table tr', {hasText: '北京市大兴区统计局'}).waitFor({timeout: 10000});
  check(true, 'the administrator adds one body through the form');
  await page.screenshot({path: path.join(artifacts, 'supervise-1-registry.png'), fullPage: true});
  await signOut(page);

  // The officer stores its report with two errors.
  await signIn(page, 'officer.dx', 'officer password 1');
  await store(page, 'demo_defects_daxing_2024.txt');
  check(true, 'the officer stores its report (two errors)');
  await signOut(page);

  // The reviewer confirms one finding and opens an item, dismisses the other with a reason.
  await signIn(page, 'reviewer.dx', 'reviewer password 1');
  await page.click('nav a[data-tab=library]');
  await page.click('#search button[type=submit]');
  await page.locator('#library-results a[href^="#library/report/"]').first().click();
  const findings = page.locator('#agency-view li.finding');
  await findings.nth(1).waitFor({timeout: 10000});
  await findings.nth(0).locator('button', {hasText: '确认'}).click();
  await page.locator('#agency-view li.finding').nth(0).locator('.review', {hasText: '已确认'}).waitFor({timeout: 10000});
  answers = ['2099-06-30'];
  await page.locator('#agency-view li.finding').nth(0).locator('button', {hasText: '列入整改'}).click();
  await page.locator('#agency-view li.finding').nth(0).locator('.review', {hasText: '整改中'}).waitFor({timeout: 10000});
  answers = ['经核实原件数字无误，为录入时的笔误'];
  await page.locator('#agency-view li.finding').nth(1).locator('button', {hasText: '不予认定'}).click();
  await page.locator('#agency-view li.finding').nth(1).locator('.review', {hasText: '不予认定'}).waitFor({timeout: 10000});
  check(true, 'the reviewer confirms a finding, opens a rectification item and dismisses the other with a reason');
  await page.screenshot({path: path.join(artifacts, 'supervise-2-review.png'), fullPage: true});
  // Coverage and the item in the 监督 tab.
  await page.click('nav a[data-tab=supervise]');
  await page.fill('#coverage-form input[name=year]', '2024');
  await page.click('#coverage-form button[type=submit]');
  await page.locator('#coverage-bodies tr[data-status]').nth(2).waitFor({timeout: 10000});
  const coverage = await page.locator('#coverage').textContent();
  check(coverage.includes('需整改') && coverage.includes('未发布'), 'the coverage board shows the body being rectified and the missing ones');
  await page.locator('#items-table tr[data-item]').first().waitFor({timeout: 10000});
  check((await page.locator('#items-table').textContent()).includes('整改中'), 'the rectification item is listed as open');
  await page.screenshot({path: path.join(artifacts, 'supervise-3-coverage.png'), fullPage: true});
  await signOut(page);

  // The officer stores the corrected version: the item closes by itself.
  await signIn(page, 'officer.dx', 'officer password 1');
  await store(page, 'daxing_weijianwei_2024.txt');
  await page.click('nav a[data-tab=supervise]');
  await page.selectOption('#items-form select[name=status]', 'closed');
  await page.click('#items-form button[type=submit]');
  await page.locator('#items-table', {hasText: '新版本不再出现该问题'}).waitFor({timeout: 10000});
  check(true, 'the corrected version closes the item by itself, and its history says so');
  await signOut(page);

  // The administrator scores and downloads the notice.
  await signIn(page, 'admin.a', 'admin password 1');
  await page.click('nav a[data-tab=supervise]');
  await page.fill('#coverage-form input[name=year]', '2024');
  await page.click('#score-form button[type=submit]');
  await page.locator('#scores-table tr').nth(3).waitFor({timeout: 10000});
  check((await page.locator('#scores-table').textContent()).includes('未发布'), 'the ranking deducts for the missing bodies');
  await page.click('#rollup-button');
  await page.locator('#rollup', {hasText: '北京市大兴区人民政府'}).waitFor({timeout: 10000});
  check((await page.locator('#rollup').textContent()).includes('本级没有本年度报告'), '层级汇总 says why the district cannot be compared');
  await page.screenshot({path: path.join(artifacts, 'supervise-4-scores.png'), fullPage: true});
  const [download] = await Promise.all([page.waitForEvent('download', {timeout: 15000}),
                                        page.click('#score-form button[data-notice=docx]')]);
  const saved = path.join(artifacts, 'notice-e2e.docx');
  await download.saveAs(saved);
  const head = fs.readFileSync(saved).subarray(0, 2).toString();
  check(download.suggestedFilename().endsWith('通报.docx') && head === 'PK', `the notice downloads as Word: ${download.suggestedFilename()}`);
  check(errors.length === 0, 'no script errors: ' + errors.join(' | '));
} finally {
  await browser.close();
}
console.log(failures ? `${failures} failed` : 'supervise e2e: ok');
process.exit(failures ? 1 : 0);
