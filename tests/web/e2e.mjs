// End-to-end test of the web app in Debian's headless Chromium, driven by playwright-core:
// upload a seed and a copy with one number changed, check the marked cell and its message, walk the
// library and the statistics. Screenshots go to $XXGK_ARTIFACTS.
//   node tests/web/e2e.mjs URL SAMPLES_DIR ARTIFACTS_DIR
import path from 'node:path';
import fs from 'node:fs';
import {check, failures, launch} from './browser.mjs';

const [url, samples, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, {recursive: true});

const browser = await launch();
try {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  check(await page.title() === 'xxgk · 政府信息公开工作年度报告核验', 'the app loads with its Chinese title');

  // 1. A clean seed: tables drawn, no marked cell.
  await page.setInputFiles('#files', path.join(samples, 'daxing_weijianwei_2024.txt'));
  const clean = page.locator('.card.report[data-file="daxing_weijianwei_2024.txt"]');
  await clean.waitFor({timeout: 20000});
  check(await clean.locator('table.tpl').count() === 3, 'three tables drawn like the template');
  check(await clean.locator('table.tpl[data-table="t3"] th[rowspan="3"][colspan="3"]').count() === 1, 'table 3 has the merged note cell');
  check(await clean.locator('td.err').count() === 0, 'the clean report has no error cell');
  check((await clean.locator('td[data-cell="t3.new_received.total"]').textContent()) === '7', 'cell values shown (本年新收 总计 = 7)');
  await clean.screenshot({path: path.join(artifacts, '1-clean-report.png')});

  // 2. The same report with 予以公开/自然人 changed 1 → 2.
  await page.setInputFiles('#files', path.join(samples, 'demo_defects_daxing_2024.txt'));
  const bad = page.locator('.card.report[data-file="demo_defects_daxing_2024.txt"]');
  await bad.waitFor({timeout: 20000});
  const cell = bad.locator('td[data-cell="t3.granted.natural_person"]');
  check(await cell.evaluate((e) => e.classList.contains('err')), 'the changed cell is marked as an error (red)');
  check((await cell.textContent()) === '2', 'the marked cell shows the changed number');
  const title = await cell.getAttribute('title');
  check(title && title.includes('C3') && title.includes('自然人'), 'its hover text names the rule and the column: ' + title);
  await cell.click();
  const msg = bad.locator('.cell-msg');
  check(await msg.isVisible() && (await msg.textContent()).includes('办理结果总计'), 'clicking the cell shows the message');
  check(await bad.locator('td[data-cell="t3.granted.total"].err').count() === 1, 'the row total of 予以公开 is marked too (C2)');
  check(await bad.locator('td[data-cell="t3.results_total.natural_person"].err').count() === 1, 'and the column total it breaks (C3)');
  check(await bad.locator('td.err').count() === 3, 'only those three cells strongly; the cells they sum are marked lightly');
  const c2 = bad.locator('li.finding[data-rule="C2"]');
  check(await c2.count() >= 1, 'the findings list has the C2 error');
  await c2.first().locator('a').first().click();
  await page.waitForTimeout(400);
  await bad.screenshot({path: path.join(artifacts, '2-changed-number-marked.png')});
  const rows = page.locator('#batch-table tr');
  check(await rows.count() === 3 && (await rows.nth(2).textContent()).includes('demo_defects_daxing_2024.txt'),
        'the batch list has a line per file with its counts');
  await cell.hover();
  await page.screenshot({path: path.join(artifacts, '3-hover-and-message.png')});
  // The findings come before the tables, each saying where it points (第N行, as the CLI does).
  const firstFinding = bad.locator('li.finding').first();
  check(await firstFinding.evaluate((li) => li.compareDocumentPosition(li.closest('.card').querySelector('table.tpl')) & Node.DOCUMENT_POSITION_FOLLOWING),
        'the findings list comes before the tables');
  check(/第\d+行/.test(await bad.locator('li.finding .where').first().textContent()), 'a finding says its line');
  // The batch: exported at once under the name the server gives.
  const [batchXlsx] = await Promise.all([page.waitForEvent('download'), page.click('#batch-export')]);
  check(batchXlsx.suggestedFilename().startsWith('本批报告核验（2份）'), 'the batch exports to one Excel: ' + batchXlsx.suggestedFilename());
  // The upload is reachable by keyboard: Enter on the focused drop zone opens the file chooser.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', {timeout: 15000}), page.locator('#drop').press('Enter')]);
  check(!!chooser, 'Enter on the focused drop zone opens the file chooser');

  // 3. Library: a stored report's page (marked tables, findings, its original, its versions).
  await page.goto(url + '#library');
  await page.locator('#library-results table tr').nth(1).waitFor({timeout: 10000});
  await page.locator('#library-results a[href^="#library/report/"]').first().click();
  const stored = page.locator('#agency-view .card.report');
  await stored.waitFor({timeout: 10000});
  check(await stored.locator('table.tpl').count() === 3 && await stored.locator('li.finding, li').count() > 0,
        'a stored report opens as a page with its tables and findings, not raw JSON');
  const [orig] = await Promise.all([page.waitForEvent('download'), stored.locator('button', {hasText: '下载原文件'}).click()]);
  check(/\.(txt|html|docx|pdf)$/.test(orig.suggestedFilename()), 'its original file downloads under its name: ' + orig.suggestedFilename());
  await page.screenshot({path: path.join(artifacts, '4-stored-report-page.png')});

  // 4. Library: search, a body's page with its years.
  await page.goto(url + '#library');
  await page.locator('#library-results table tr').nth(1).waitFor({timeout: 10000});
  check(await page.locator('#library-results table tr').count() > 2, 'the library lists the stored reports');
  await page.fill('#search input[name=agency]', '大兴');
  await page.click('#search button');
  await page.waitForTimeout(500);
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#export-library')]);
  check(xlsx.suggestedFilename() === '年报库.xlsx', 'the library exports the search results as Excel');
  await page.locator('#library-results a[href^="#library/agency/"]').first().click();
  // (The stored report's page of step 3 used the same area: wait for the body's own heading.)
  await page.locator('#agency-view h2', {hasText: '北京市大兴区卫生健康委员会（'}).waitFor({timeout: 10000});
  check(true, 'a body page opens from the library');
  check(await page.locator('#agency-view .years .card').count() >= 2, 'its years side by side');
  await page.screenshot({path: path.join(artifacts, '4-library-agency.png'), fullPage: true});

  // 4. Statistics: charts drawn by the bundled ECharts.
  await page.goto(url + '#stats');
  await page.locator('#chart-received canvas').waitFor({timeout: 10000});
  check(await page.locator('.chart canvas').count() === 4, 'four charts drawn');
  await page.screenshot({path: path.join(artifacts, '5-stats.png'), fullPage: true});
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
} finally {
  await browser.close();
}
console.log(failures ? `e2e: ${failures} failed` : 'e2e: all passed');
process.exit(failures ? 1 : 0);
