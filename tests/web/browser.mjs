// What the browser tests share: Debian's headless Chromium driven by playwright-core, and check().
import {createRequire} from 'node:module';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'web', 'package.json'));
const {chromium} = require('playwright-core');

export let failures = 0;
export function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

// Signs in through the form and waits for the account header; signs out and waits for the form.
export async function signIn(page, url, name, password) {
  await page.goto(url);
  await page.locator('#login-form').waitFor({state: 'visible', timeout: 10000});
  await page.fill('#login-form input[name=name]', name);
  await page.fill('#login-form input[name=password]', password);
  await page.click('#login-form button[type=submit]');
  await page.locator('#account').waitFor({state: 'visible', timeout: 10000});
}

export async function signOut(page) {
  await page.click('#logout');
  await page.locator('#login-form').waitFor({state: 'visible', timeout: 10000});
}
