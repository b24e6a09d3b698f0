// End-to-end test of boltzbook as a user sees it: JupyterLab in headless
// Chromium (Debian's package, driven by playwright-core), a notebook run with
// the boltzbook kernel, inline images, a live training display that updates
// in place, Tab completion of a bm identifier, and an interrupt that leaves
// the kernel idle with its variables intact.
//
// Environment: BOLTZBOOK_VENV (default ../.venv) has JupyterLab and the
// installed kernelspec; E2E_ARTIFACTS (default ../.ci-artifacts/e2e) receives
// screenshots; CHROMIUM (default /usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const venv = resolve(process.env.BOLTZBOOK_VENV || join(here, '..', '.venv'));
const artifacts = resolve(process.env.E2E_ARTIFACTS || join(here, '..', '.ci-artifacts', 'e2e'));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// What the test runs; overridable so the harness itself can be checked
// against another kernel.
const cfg = {
  kernel: process.env.E2E_KERNEL || 'boltzbook',
  notebook: process.env.E2E_NOTEBOOK || join(here, 'testdata', 'lab-e2e.ipynb'),
  trainingMarker: process.env.E2E_TRAINING_MARKER || '// e2e: live training',
  completePrefix: process.env.E2E_COMPLETE_PREFIX || 'bm.NewR',
  completeExpect: process.env.E2E_COMPLETE_EXPECT || 'NewRBM',
  loopCode: process.env.E2E_LOOP_CODE || 'for {\n}',
  interruptExpect: process.env.E2E_INTERRUPT_EXPECT || 'Interrupted',
  varCheck: process.env.E2E_VAR_CHECK || 'answer',
  varExpect: process.env.E2E_VAR_EXPECT || '42',
  needImages: process.env.E2E_NEED_IMAGES !== '0',
  // The widget test: notebook 03's temperature dial.
  widgetNotebook: process.env.E2E_WIDGET_NOTEBOOK || join(here, '..', 'notebooks', '03-noisy-units.ipynb'),
  widgetSlider: process.env.E2E_WIDGET_SLIDER || 'temperature T',
};

let lab, browser, page, root, token, port, labLog = '';

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
    s.on('error', rej);
  });
}

async function waitFor(pred, timeoutMs, what) {
  const t0 = Date.now();
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

async function shot(name) {
  mkdirSync(artifacts, { recursive: true });
  if (page) await page.screenshot({ path: join(artifacts, name), fullPage: false }).catch(() => {});
}

async function kernelStatus() {
  return page.$eval('.jp-Notebook-ExecutionIndicator', e => e.getAttribute('data-status')).catch(() => null);
}

async function menu(top, command) {
  await page.click(`.lm-MenuBar-itemLabel:text-is("${top}")`);
  await page.click(`.lm-Menu-item[data-command="${command}"]`);
}

// Adds a code cell at the end of the notebook, types code into it and
// returns its index.
async function appendCell(code) {
  await page.keyboard.press('Escape');
  const n = await page.$$eval('.jp-Notebook .jp-Cell', els => els.length);
  await page.click(`.jp-Notebook .jp-Cell >> nth=${n - 1}`);
  await page.keyboard.press('Escape');
  await page.keyboard.press('b');
  await waitFor(async () => (await page.$$eval('.jp-Notebook .jp-Cell', els => els.length)) === n + 1, 5000, 'new cell');
  await page.keyboard.press('Enter');
  await page.keyboard.type(code);
  return n;
}

async function cellOutputText(i) {
  return page.$eval(`.jp-Notebook .jp-Cell >> nth=${i}`, el =>
    Array.from(el.querySelectorAll('.jp-OutputArea-output')).map(o => o.textContent).join('\n'));
}

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'boltzbook-e2e-'));
  const cfgDir = join(root, '.jupyter-config');
  mkdirSync(join(cfgDir, 'labconfig'), { recursive: true });
  // No news pop-up: it would cover the notebook in screenshots.
  writeFileSync(join(cfgDir, 'labconfig', 'page_config.json'),
    JSON.stringify({ disabledExtensions: { '@jupyterlab/apputils-extension:announcements': true } }));
  copyFileSync(cfg.notebook, join(root, 'e2e.ipynb'));
  copyFileSync(cfg.widgetNotebook, join(root, 'widgets.ipynb'));
  token = 'e2e' + Math.random().toString(36).slice(2);
  port = await freePort();
  lab = spawn(join(venv, 'bin', 'jupyter'), ['lab', '--allow-root', '--no-browser',
    '--ServerApp.ip=127.0.0.1', `--ServerApp.port=${port}`, '--ServerApp.port_retries=0',
    `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${root}`,
    '--LabApp.news_url=None', '--LabApp.extension_manager=readonly',
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'],
  { env: { ...process.env, JUPYTER_CONFIG_DIR: cfgDir, BOLTZBOOK_QUICK: '1', PATH: `${join(venv, 'bin')}:${process.env.PATH}` }, detached: true });
  lab.stdout.on('data', d => { labLog += d; });
  lab.stderr.on('data', d => { labLog += d; });
  await waitFor(async () => {
    try { return (await fetch(`http://127.0.0.1:${port}/api/status?token=${token}`)).ok; } catch { return false; }
  }, 60000, 'JupyterLab to start');
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
});

after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (lab) {
    try { process.kill(-lab.pid, 'SIGTERM'); } catch {}
    await new Promise(r => setTimeout(r, 1500));
    try { process.kill(-lab.pid, 'SIGKILL'); } catch {}
  }
  writeFileSync(join(artifacts, 'jupyterlab.log'), labLog);
  if (root) rmSync(root, { recursive: true, force: true });
});

test('a notebook runs in JupyterLab with the boltzbook kernel', { timeout: 600000 }, async (t) => {
  try {
    await page.goto(`http://127.0.0.1:${port}/lab/tree/e2e.ipynb?token=${token}`);
    await page.waitForSelector('.jp-Notebook .jp-Cell', { timeout: 60000 });
    await waitFor(async () => {
      const txt = await page.textContent('#jp-main-statusbar').catch(() => '');
      return (await kernelStatus()) === 'idle' && /Idle/.test(txt) ? txt : null;
    }, 60000, `kernel ${cfg.kernel} to be idle`);

    // Find the training cell by its marker and watch its output area.
    const trainIdx = await page.$$eval('.jp-Notebook .jp-Cell', (els, marker) =>
      els.findIndex(e => e.textContent.includes(marker)), cfg.trainingMarker);
    assert.ok(trainIdx >= 0, `no cell contains the marker ${cfg.trainingMarker}`);
    await page.evaluate((i) => {
      const cell = document.querySelectorAll('.jp-Notebook .jp-Cell')[i];
      // replaced counts the times the output element was swapped for a new
      // one: a live display updates in place, and only its final state
      // (a PNG and a caption, which a reopened notebook shows) may swap once.
      window.__e2e = { samples: [], maxChildren: 0, stamped: false, replaced: 0 };
      const tick = () => {
        const kids = cell.querySelectorAll('.jp-OutputArea-child');
        const st = window.__e2e;
        st.maxChildren = Math.max(st.maxChildren, kids.length);
        if (kids.length > 0) {
          if (!st.stamped) { kids[0].dataset.e2e = 'first'; st.stamped = true; }
          else if (kids[0].dataset.e2e !== 'first') { st.replaced++; kids[0].dataset.e2e = 'first'; }
          const txt = kids[0].textContent;
          if (st.samples[st.samples.length - 1] !== txt) st.samples.push(txt);
        }
      };
      window.__e2eTimer = setInterval(tick, 50);
    }, trainIdx);

    const t0 = Date.now();
    await menu('Run', 'runmenu:run-all');
    const nCode = await page.$$eval('.jp-Notebook .jp-CodeCell', els => els.length);
    await waitFor(async () => {
      if ((await kernelStatus()) !== 'idle') return false;
      const prompts = await page.$$eval('.jp-Notebook .jp-CodeCell .jp-InputPrompt', els => els.map(e => e.textContent.trim()));
      return prompts.length === nCode && prompts.every(p => /^\[\d+\]:$/.test(p));
    }, 300000, 'every cell to run');
    t.diagnostic(`run all: ${((Date.now() - t0) / 1000).toFixed(1)} s for ${nCode} code cells`);
    await page.evaluate(() => clearInterval(window.__e2eTimer));

    const errors = await page.$$eval('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
      els => els.map(e => e.textContent.slice(0, 300)));
    assert.deepEqual(errors, [], 'no error or stderr output');

    if (cfg.needImages) {
      const imgs = await page.$$eval('.jp-OutputArea-output img, .jp-OutputArea-output svg', els =>
        els.filter(e => (e.getBoundingClientRect().width > 20)).length);
      assert.ok(imgs >= 1, `expected images in the output area, found ${imgs}`);
      t.diagnostic(`images rendered: ${imgs}`);
    }

    await page.evaluate((i) => document.querySelectorAll('.jp-Notebook .jp-Cell')[i].scrollIntoView(), trainIdx);
    await shot('training.png');
    const live = await page.evaluate(() => window.__e2e);
    t.diagnostic(`training display: ${live.samples.length} distinct states, max ${live.maxChildren} output element(s), replaced ${live.replaced} time(s)`);
    assert.ok(live.samples.length >= 3, `the training display should change in place several times, saw ${live.samples.length} states`);
    assert.ok(live.replaced <= 1, `the training display was replaced by a new element ${live.replaced} times instead of updated in place`);
    const finalImgs = await page.evaluate((i) => document.querySelectorAll('.jp-Notebook .jp-Cell')[i]
      .querySelectorAll('.jp-OutputArea-child img').length, trainIdx);
    assert.ok(finalImgs >= 1, 'the training display should end as a PNG of its curves');
    assert.ok(live.maxChildren <= 2, `training output piled up ${live.maxChildren} output elements`);

    // Tab completion offers a bm identifier.
    const ci = await appendCell(cfg.completePrefix);
    await page.keyboard.press('Tab');
    // With several matches the completer lists them; with one, JupyterLab
    // inserts it straight into the cell. Either shows the kernel completed.
    const offered = await waitFor(async () => {
      const its = await page.$$eval('.jp-Completer-item', els => els.map(e => e.textContent.trim())).catch(() => []);
      if (its.length) return its;
      const src = await page.$eval(`.jp-Notebook .jp-Cell >> nth=${ci}`, el => el.querySelector('.cm-content').textContent);
      return src.trim() !== cfg.completePrefix ? [src.trim()] : null;
    }, 15000, 'the completer to offer something');
    t.diagnostic(`completion of ${cfg.completePrefix}: ${offered.slice(0, 8).join(', ')}`);
    assert.ok(offered.some(s => s.includes(cfg.completeExpect)), `completion of ${cfg.completePrefix} should offer ${cfg.completeExpect}, got ${offered.join(', ')}`);
    await page.keyboard.press('Escape');
    await shot('completion.png');
    // Empty the cell again so it does not run as a half-written statement.
    await page.keyboard.press('Escape');
    await page.keyboard.press('d');
    await page.keyboard.press('d');

    // A runaway cell is interrupted; the kernel returns to idle and earlier variables survive.
    const li = await appendCell(cfg.loopCode);
    await page.keyboard.press('Shift+Enter');
    await waitFor(async () => (await kernelStatus()) === 'busy', 15000, 'the loop cell to start');
    await page.waitForTimeout(1000);
    assert.equal(await kernelStatus(), 'busy', 'the runaway cell should still be running after 1 s');
    await shot('runaway.png');
    const ti = Date.now();
    await menu('Kernel', 'kernelmenu:interrupt');
    await waitFor(async () => (await kernelStatus()) === 'idle', 15000, 'the kernel to be idle after the interrupt');
    t.diagnostic(`interrupt to idle: ${Date.now() - ti} ms`);
    const loopOut = await cellOutputText(li);
    assert.ok(loopOut.includes(cfg.interruptExpect), `the interrupted cell should say ${cfg.interruptExpect}, got: ${loopOut}`);
    const vi = await appendCell(cfg.varCheck);
    await page.keyboard.press('Shift+Enter');
    const out = await waitFor(async () => {
      if ((await kernelStatus()) !== 'idle') return null;
      const txt = await cellOutputText(vi);
      return txt || null;
    }, 30000, 'the variable check to print');
    assert.ok(out.includes(cfg.varExpect), `after the interrupt, ${cfg.varCheck} should still be ${cfg.varExpect}, got ${out}`);
    await shot('success.png');
  } catch (err) {
    await shot('failure.png');
    throw err;
  }
});

// Notebook 03 in JupyterLab with real ipywidgets: run it, drag the
// temperature slider, and the histogram below it must be redrawn within a
// second; saving stores the widgets' state in the notebook.
test('a widget slider redraws its figure', { timeout: 600000 }, async (t) => {
  // The first test's notebook stays open in a hidden tab: look only at
  // the visible one.
  const nb = '.jp-NotebookPanel:not(.lm-mod-hidden)';
  const status = () => page.$eval(`${nb} .jp-Notebook-ExecutionIndicator`, e => e.getAttribute('data-status')).catch(() => null);
  try {
    await page.goto(`http://127.0.0.1:${port}/lab/tree/widgets.ipynb?token=${token}`);
    await page.waitForSelector(`${nb} .jp-Notebook .jp-Cell`, { timeout: 60000 });
    // JupyterLab may ask which kernel to start: the notebook's own.
    // The dialog can come after the kernel looks idle: wait until it has
    // been idle, with no dialog, for 3 s.
    let quietSince = 0;
    await waitFor(async () => {
      const accept = page.locator('.jp-Dialog .jp-Dialog-button.jp-mod-accept');
      if (await accept.count()) {
        await accept.first().click().catch(() => {});
        quietSince = 0;
        return false;
      }
      if ((await status()) !== 'idle') {
        quietSince = 0;
        return false;
      }
      quietSince = quietSince || Date.now();
      return Date.now() - quietSince > 3000;
    }, 90000, 'the widget notebook\'s kernel to be idle');
    const t0 = Date.now();
    await menu('Run', 'runmenu:run-all');
    const nCode = await page.$$eval(`${nb} .jp-Notebook .jp-CodeCell`, els => els.length);
    await waitFor(async () => {
      if ((await status()) !== 'idle') return false;
      // The stored outputs come from a full run: the first cell says
      // "quick mode: false" until this run replaces it.
      const first = await page.locator(`${nb} .jp-OutputArea-output`).first().textContent().catch(() => '');
      if (!/quick mode: true/.test(first)) return false;
      const prompts = await page.$$eval(`${nb} .jp-Notebook .jp-CodeCell .jp-InputPrompt`, els => els.map(e => e.textContent.trim()));
      return prompts.length === nCode && prompts.every(p => /^\[\d+\]:$/.test(p));
    }, 300000, 'every cell of the widget notebook to run');
    t.diagnostic(`widget notebook: run all in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const errors = await page.$$eval(`${nb} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]`,
      els => els.map(e => e.textContent.slice(0, 300)));
    assert.deepEqual(errors, [], 'no error or stderr output');

    // The slider whose description is the dial's name, and the image in
    // the output widget of the same cell.
    const quick = await page.locator(`${nb} .jp-OutputArea-output`).first().textContent();
    assert.ok(/quick mode: true/.test(quick), `the notebook ran in quick mode (its first output: ${quick})`);
    const label = page.locator(`.widget-label:text-is("${cfg.widgetSlider}")`);
    const cell = page.locator(`${nb} .jp-Notebook .jp-CodeCell`).filter({ has: label }).first();
    const slider = cell.locator('.widget-slider').filter({ has: label }).first();
    await slider.waitFor({ timeout: 30000 });
    // JupyterLab renders a long notebook in a scrolled window: bring the
    // dial's cell to the middle of it.
    await page.mouse.move(700, 500);
    for (let i = 0; i < 60; i++) {
      const bb = await slider.boundingBox().catch(() => null);
      if (bb && bb.y > 200 && bb.y < 700 && bb.width > 50) break;
      await page.mouse.wheel(0, bb && bb.width > 50 ? bb.y - 450 : 700);
      await page.waitForTimeout(250);
    }
    await page.waitForTimeout(500);
    const img = cell.locator('.widget-output img').first();
    await img.waitFor({ timeout: 30000 });
    const srcBefore = await img.getAttribute('src');
    const readoutBefore = await slider.locator('.widget-readout').textContent();
    await shot('widget-before.png');

    const handle = slider.locator('.noUi-handle').first();
    const track = slider.locator('.noUi-target, .slider-container').first();
    const hb = await handle.boundingBox();
    const tb = await track.boundingBox();
    assert.ok(hb && tb, 'the slider handle and track are on the page');
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    const steps = 8;
    const target = Math.min(tb.x + tb.width * 0.9, hb.x + hb.width / 2 + tb.width * 0.35);
    for (let i = 1; i <= steps; i++) {
      await page.mouse.move(hb.x + hb.width / 2 + (target - hb.x - hb.width / 2) * i / steps, hb.y + hb.height / 2);
    }
    await page.mouse.up();
    const released = Date.now();
    const readoutAfter = await slider.locator('.widget-readout').textContent();
    assert.notEqual(readoutAfter, readoutBefore, 'the drag moved the slider');
    const changedAfter = await waitFor(async () => {
      const src = await img.getAttribute('src').catch(() => null);
      return src && src !== srcBefore ? Date.now() - released : null;
    }, 5000, 'the figure to change after the drag');
    // Redraws of values passed during the drag may still be on their
    // way: wait until the figure has stood still for 1.5 s.
    let src = await img.getAttribute('src'), lastChange = Date.now();
    while (Date.now() - lastChange < 1500 && Date.now() - released < 15000) {
      await page.waitForTimeout(100);
      const now = await img.getAttribute('src').catch(() => src);
      if (now !== src) {
        src = now;
        lastChange = Date.now();
      }
    }
    t.diagnostic(`slider ${readoutBefore} → ${readoutAfter}: figure first redrawn ${changedAfter} ms after the release, last at ${lastChange - released} ms`);
    await shot('widget-after.png');
    assert.ok(changedAfter <= 1000, `the figure changed ${changedAfter} ms after the drag, want within 1 s`);

    // JupyterLab saves the widget state (saveState, set by make lab).
    await page.keyboard.press('Control+s');
    const saved = await waitFor(async () => {
      try {
        const nb = JSON.parse(readFileSync(join(root, 'widgets.ipynb'), 'utf8'));
        const st = nb.metadata?.widgets?.['application/vnd.jupyter.widget-state+json']?.state;
        if (!st) return null;
        const sl = Object.values(st).find(w => w.model_name === 'FloatLogSliderModel' && w.state.description === cfg.widgetSlider);
        return sl && Math.abs(sl.state.value - 1) > 1e-9 ? sl.state.value : null;
      } catch { return null; }
    }, 15000, 'the saved notebook to hold the moved slider');
    t.diagnostic(`saved widget state: ${cfg.widgetSlider} = ${saved}`);
  } catch (err) {
    await shot('widget-failure.png');
    throw err;
  }
});
