// Signing in, in Debian's headless Chromium: an officer signs in and stores its own body's report (and is
// refused another body's), a reviewer sees only the bodies in its charge, an administrator adds an account and sees
// it in the audit trail. Screenshots go to $XXGK_ARTIFACTS.
//   node tests/web/e2e_accounts.mjs URL SAMPLES_DIR ARTIFACTS_DIR
import path from 'node:path';
import fs from 'node:fs';
import {check, failures, launch, signIn as signInAt, signOut} from './browser.mjs';

const [url, samples, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, {recursive: true});

const browser = await launch();
const signIn = (page, name, password) => signInAt(page, url, name, password);


try {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const alerts = [];
  page.on('dialog', async (d) => { alerts.push(d.message()); await d.dismiss(); });

  // Nobody signed in: only the sign-in form.
  await page.goto(url);
  await page.locator('#login-form').waitFor({state: 'visible', timeout: 10000});
  check(await page.locator('header nav').isHidden(), 'before signing in, the tabs are hidden and the sign-in form shows');
  await page.fill('#login-form input[name=name]', 'officer.dx');
  await page.fill('#login-form input[name=password]', 'not the password');
  await page.click('#login-form button[type=submit]');
  await page.locator('#login-msg', {hasText: '账号或密码不对'}).waitFor({timeout: 10000});
  check(true, 'a wrong password is refused in Chinese');
  await page.screenshot({path: path.join(artifacts, 'accounts-1-sign-in.png')});

  // An officer: checks and stores its own report; another body's is refused.
  await signIn(page, 'officer.dx', 'officer password 1');
  check((await page.locator('#account-name').textContent()).includes('大兴卫健委（填报单位）'), 'the officer is named with its role');
  check(await page.locator('nav a[data-tab=accounts]').isHidden(), 'the officer has no accounts tab');
  await page.setInputFiles('#files', path.join(samples, 'daxing_weijianwei_2024.txt'));
  const own = page.locator('.card.report[data-file="daxing_weijianwei_2024.txt"]');
  await own.waitFor({timeout: 20000});
  await own.locator('button', {hasText: '存入年报库'}).click();
  await own.locator('button', {hasText: '已存入年报库'}).waitFor({timeout: 10000});
  check(true, 'the officer stores its own body\'s report');
  await page.setInputFiles('#files', path.join(samples, 'hualong_weijianwei_2024.txt'));
  const other = page.locator('.card.report[data-file="hualong_weijianwei_2024.txt"]');
  await other.waitFor({timeout: 20000});
  await other.locator('button', {hasText: '存入年报库'}).click();
  await page.waitForTimeout(800);
  check(alerts.some((a) => a.includes('只能存入本单位')), 'another body\'s report is refused: ' + alerts.join(' | '));
  await page.screenshot({path: path.join(artifacts, 'accounts-2-officer.png')});
  await page.click('#logout');
  await page.locator('#login-form').waitFor({state: 'visible', timeout: 10000});
  check(true, 'signing out returns to the sign-in form');

  // A reviewer of 北京市大兴区: the library holds the bodies in its charge only.
  await signIn(page, 'reviewer.dx', 'reviewer password 1');
  check(await page.locator('nav a[data-tab=accounts]').isHidden(), 'the reviewer has no accounts tab');
  await page.click('nav a[data-tab=library]');
  await page.click('#search button[type=submit]');
  await page.locator('#library-results tr').nth(1).waitFor({timeout: 10000});
  const listed = await page.locator('#library-results').textContent();
  check(listed.includes('北京市大兴区卫生健康委员会') && !listed.includes('西工区'), 'the reviewer sees its scope only (大兴, not 西工)');
  await page.screenshot({path: path.join(artifacts, 'accounts-3-reviewer-library.png')});
  await page.click('#logout');

  // An administrator: adds an account, which the list and the audit trail show.
  await signIn(page, 'admin.a', 'admin password 1');
  await page.click('nav a[data-tab=accounts]');
  await page.locator('#accounts-table tr[data-account="officer.dx"]').waitFor({timeout: 10000});
  await page.fill('#account-form input[name=name]', 'officer.xg');
  await page.fill('#account-form input[name=display_name]', '西工卫健委');
  await page.selectOption('#account-form select[name=role]', 'officer');
  await page.fill('#account-form input[name=agency]', '西工区卫生健康委员会');
  await page.fill('#account-form input[name=password]', 'xigong password 1');
  await page.click('#account-form button[type=submit]');
  await page.locator('#accounts-table tr[data-account="officer.xg"]').waitFor({timeout: 10000});
  check((await page.locator('#account-msg').textContent()).includes('已添加账号“officer.xg”'), 'the administrator adds an account');
  check((await page.locator('#audit-table').textContent()).includes('添加账号'), 'the audit trail shows the addition');
  await page.screenshot({path: path.join(artifacts, 'accounts-4-admin.png'), fullPage: true});
  // A password reset from the web app (the prompt answered with the new password).
  page.removeAllListeners('dialog');
  page.once('dialog', async (d) => { await d.accept('xigong password 2'); });
  await page.locator('#accounts-table tr[data-account="officer.xg"] button', {hasText: '重设密码'}).click();
  await page.locator('#account-msg', {hasText: '已重设“officer.xg”的密码'}).waitFor({timeout: 10000});
  check(true, 'the administrator resets a password in the web app');
  // A reviewer's scope changed in the web app: two prompts, the regions and then the bodies.
  page.removeAllListeners('dialog');
  const answers = ['北京市大兴区', '西工区卫生健康委员会'];
  page.on('dialog', async (d) => { await d.accept(answers.shift() ?? ''); });
  await page.locator('#accounts-table tr[data-account="reviewer.dx"] button', {hasText: '修改范围'}).click();
  await page.locator('#accounts-table tr[data-account="reviewer.dx"]', {hasText: '西工区卫生健康委员会'}).waitFor({timeout: 10000});
  check((await page.locator('#account-msg').textContent()).includes('已修改“reviewer.dx”的范围'), 'the administrator changes a reviewer\'s scope');
  // Deleting a stored report from its page (the confirmation accepted); the trail records it.
  page.removeAllListeners('dialog');
  page.on('dialog', async (d) => { await d.accept(); });
  await page.click('nav a[data-tab=library]');
  await page.click('#search button[type=submit]');
  await page.locator('#library-results a[href^="#library/report/"]').first().click();
  await page.locator('#agency-view button', {hasText: '删除这份报告'}).click();
  await page.locator('#agency-view', {hasText: '已删除'}).waitFor({timeout: 10000});
  check(true, 'the administrator deletes a stored report from its page');
  await page.click('nav a[data-tab=accounts]');
  await page.locator('#audit-table', {hasText: '删除报告'}).waitFor({timeout: 10000});
  check((await page.locator('#audit-table').textContent()).includes('修改范围'), 'the audit trail shows the deletion and the change of scope');
  await page.screenshot({path: path.join(artifacts, 'accounts-5-admin-audit.png'), fullPage: true});
  await page.click('#logout');
  await signIn(page, 'officer.xg', 'xigong password 2');
  check((await page.locator('#account-name').textContent()).includes('西工卫健委（填报单位）'), 'the account signs in with its new password');
  check(errors.length === 0, 'no script errors: ' + errors.join(' | '));
} finally {
  await browser.close();
}
console.log(failures ? `${failures} failed` : 'accounts e2e: ok');
process.exit(failures ? 1 : 0);
