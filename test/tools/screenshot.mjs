/* global window */
// Takes a screenshot of a page in Debian's Chromium: node test/tools/screenshot.mjs URL OUT.png [#/route] [click:Text]
import { chromium } from 'playwright-core';
const [url, out, ...steps] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
page.on('console', m => { if (m.type()==='error') console.log('console:', m.text()); });
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(1500);
for (const s of steps) { if (s.startsWith('#')) { await page.evaluate(h => { window.location.hash = h; }, s); await page.waitForTimeout(1000);} else if (s.startsWith('click:')) { await page.getByText(s.slice(6), {exact:true}).first().click(); await page.waitForTimeout(800);} }
await page.screenshot({ path: out });
await browser.close();
