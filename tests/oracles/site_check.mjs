// Loads every page of a kit's site in headless Chromium from file:// and reports what does
// not resolve: a request leaving the folder, a request that fails, a link to nothing, an image
// not decoded, a video or subtitle track that does not load. Prints JSON: {pages, problems,
// tracks, first_paint_ms}. Usage: node site_check.mjs DATA_DIR
import { createRequire } from 'node:module';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '../../ui/package.json'));
const { chromium } = require('playwright-core');

const root = resolve(process.argv[2]);
const rootUrl = pathToFileURL(root).href + '/';
const pages = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.html')) pages.push(p);
  }
})(root);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
});
const problems = [];
const tracks = [];
const context = await browser.newContext();
let firstPaint = null;
for (const file of pages) {
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const rel = file.slice(root.length + 1);
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(rootUrl) && !u.startsWith('data:')) problems.push({ page: rel, what: 'request leaves the folder', url: u });
  });
  // A video element stops its own download once it has what it needs (ERR_ABORTED): that is
  // not a failure; whether the video loads is checked below.
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText;
    if (r.resourceType() === 'media' && why === 'net::ERR_ABORTED') return;
    problems.push({ page: rel, what: 'request failed', url: r.url(), why });
  });
  page.on('console', (m) => { if (m.type() === 'error') problems.push({ page: rel, what: 'console error', text: m.text() }); });
  await page.goto(url, { waitUntil: 'load' });
  if (rel === 'index.html' && firstPaint === null) {
    firstPaint = await page.evaluate(() => {
      const p = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      return p ? p.startTime : performance.timing.loadEventEnd - performance.timing.navigationStart;
    });
  }
  const found = await page.evaluate(async () => {
    const out = { links: [], images: [], videos: [], tracks: [], scripts: [] };
    for (const a of document.querySelectorAll('a[href]')) out.links.push(a.href);
    for (const img of document.querySelectorAll('img')) {
      img.loading = 'eager';
      if (!img.complete) await new Promise((ok) => { img.onload = ok; img.onerror = ok; });
      out.images.push({ src: img.currentSrc, ok: img.naturalWidth > 0, alt: img.hasAttribute('alt') });
    }
    for (const v of document.querySelectorAll('video')) {
      const meta = await new Promise((ok) => {
        if (v.readyState >= 1) return ok(true);
        v.onloadedmetadata = () => ok(true);
        v.onerror = () => ok(false);
        setTimeout(() => ok(false), 15000);
      });
      out.videos.push({ src: v.currentSrc, ok: meta && !v.error, width: v.videoWidth, duration: v.duration });
      for (const [i, t] of [...v.querySelectorAll('track')].entries()) {
        v.textTracks[i].mode = 'hidden';
        const loaded = await new Promise((ok) => {
          if (t.readyState === 2) return ok(true);
          t.onload = () => ok(true);
          t.onerror = () => ok(false);
          setTimeout(() => ok(t.readyState === 2), 10000);
        });
        const cues = v.textTracks[i].cues;
        out.tracks.push({ src: t.src.slice(0, 80), lang: t.srclang, ok: loaded, cues: cues ? cues.length : 0,
          first: cues && cues.length ? cues[0].text : null });
      }
    }
    for (const s of document.querySelectorAll('script')) out.scripts.push(s.type);
    return out;
  });
  for (const link of found.links) {
    if (link.startsWith('mailto:') || link.startsWith('tel:')) continue;
    const target = link.split('#')[0];
    if (!target.startsWith(rootUrl)) { problems.push({ page: rel, what: 'link leaves the folder', url: link }); continue; }
    const path = decodeURIComponent(target.slice('file://'.length));
    if (!existsSync(path)) problems.push({ page: rel, what: 'link to nothing', url: link });
  }
  for (const img of found.images) if (!img.ok || !img.alt) problems.push({ page: rel, what: 'image not shown', ...img });
  for (const v of found.videos) if (!v.ok) problems.push({ page: rel, what: 'video does not load', ...v });
  for (const t of found.tracks) {
    if (!t.ok || t.cues === 0) problems.push({ page: rel, what: 'track does not load', ...t });
    tracks.push({ page: rel, ...t });
  }
  for (const s of found.scripts) if (s !== 'application/ld+json') problems.push({ page: rel, what: 'a script', type: s });
  await page.close();
}
await browser.close();
console.log(JSON.stringify({ pages: pages.length, problems, tracks, first_paint_ms: firstPaint }));
