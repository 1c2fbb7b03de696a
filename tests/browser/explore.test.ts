import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { DEFAULT_ANALYSIS } from '../../src/lib/params/analysis.ts';
import type { Page } from 'playwright-core';
import type { GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import AxeBuilder from '@axe-core/playwright';
import { appUrl, chromiumMissing, it, openApp, screenshot } from './harness.ts';
import type { DesaCollection, DistrictIndex } from '../../src/lib/geo/types.ts';
import { parseDesaAggregateTable } from '../../src/lib/aggregate/desa-aggregate-table.ts';
import { unitsFromDesaRows } from '../../src/lib/indicators/units.ts';
import { computeIndicator } from '../../src/lib/indicators/catalogue.ts';
import { buildWeights } from '../../src/lib/weights/build.ts';
import { analyseUnitClusters } from '../../src/lib/clusters/unit-clusters.ts';

/** The district and aggregate the built app opens by default, read from disk as the app reads them. */
function defaultData() {
  const index: DistrictIndex = JSON.parse(readFileSync(path.resolve('public/geo/index.json'), 'utf8'));
  const folder = index.districts.find(
    (d) => d.kode_kab === index.default || d.folder === index.default,
  )!.folder;
  const manifest = JSON.parse(readFileSync(path.resolve(`public/geo/${folder}/manifest.json`), 'utf8'));
  const desa: DesaCollection = JSON.parse(
    readFileSync(path.resolve(`public/geo/${folder}/desa.display.json`), 'utf8'),
  );
  const table = parseDesaAggregateTable(
    readFileSync(
      path.resolve(`public/data/${folder}/sintetis-agregat-desa-${manifest.kode_kab}.csv`),
      'utf8',
    ),
  );
  return { desa, table };
}

async function legendRows(page: Page) {
  return page.$$eval('section.legend li', (items) =>
    items.map((li) => ({
      category: li.getAttribute('data-category'),
      swatch: getComputedStyle(li.querySelector('.swatch')!).backgroundColor,
      text: li.querySelector('.range')?.textContent?.trim() ?? '',
      count: Number((li.querySelector('.count')?.textContent ?? '').replace(/\D/g, '')),
    })),
  );
}

async function idle(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const { map } = window.__kantong;
        if (map.loaded() && !map.isMoving()) requestAnimationFrame(() => resolve());
        else map.once('idle', () => resolve());
      }),
  );
}

// Each test gets the app freshly opened on its default view (the `app` fixture): none relies on another's state.
describe.skipIf(chromiumMissing)('explore: levels, indicators, cards, search, focus, clusters, links', () => {
  it('switches level and indicator; legend classes and feature colours agree with the map state', async ({
    app,
  }) => {
    const { page } = app;
    await page.getByRole('radio', { name: 'Kecamatan' }).check();
    await page.locator('#indicator').selectOption('share_d1_4');
    await idle(page);
    const state = await page.evaluate(() => {
      const { map, explore } = window.__kantong;
      const visible = map.getLayoutProperty('kecamatan-fill', 'visibility');
      const mismatches = explore.mapUnits.filter((u, i) => {
        const c = explore.classOf[i];
        const expected = c >= 0 ? explore.palette[c] : '#d9d9d9';
        return map.getFeatureState({ source: 'kecamatan', id: u.kode }).color !== expected;
      }).length;
      return {
        visible,
        units: explore.mapUnits.length,
        counts: explore.classification.counts,
        palette: explore.palette,
        mismatches,
        rendered: new Set(
          map.queryRenderedFeatures({ layers: ['kecamatan-fill'] }).map((f) => f.properties.kode_kec),
        ).size,
      };
    });
    expect(state.visible).toBe('visible');
    expect(state.mismatches).toBe(0);
    expect(state.rendered).toBe(state.units);
    const rows = await legendRows(page);
    expect(rows.map((r) => r.count)).toEqual(state.counts);
    expect(rows.reduce((a, r) => a + r.count, 0)).toBe(state.units);
    expect(await page.locator('section.legend h2').textContent()).toContain('desil 1–4');
    expect(await page.locator('h1').textContent()).toContain('per kecamatan');
    await screenshot(page, 'explore-kecamatan-share-d1-4');
  });

  it('warns when a count is mapped and offers the share instead', async ({ app }) => {
    const { page } = app;
    await page.locator('#indicator').selectOption('count_d1');
    const offer = page.getByRole('button', { name: /Tampilkan Persentase keluarga desil 1/ });
    expect(await offer.isVisible()).toBe(true);
    await offer.click();
    expect(await page.locator('#indicator').inputValue()).toBe('share_d1');
  });

  it('finds a desa by partial name, flies to it and opens its card', async ({ app }) => {
    const { page } = app;
    const target = await page.evaluate(() =>
      window.__kantong.explore.mapUnits.find((u) => u.nama.length >= 7)!,
    );
    const partial = target.nama.slice(1, 5).toLowerCase();
    await page.locator('#desa-search').fill(partial);
    const option = page.getByRole('option', {
      name: new RegExp(`^${target.nama}, Kec\\. ${target.nama_kec}$`),
    });
    await option.click();
    const card = page.locator('aside.card');
    await card.waitFor({ state: 'visible' });
    expect(await card.locator('h2').textContent()).toBe(target.nama);
    await idle(page);
    const inView = await page.evaluate((kode) => {
      const { map } = window.__kantong;
      return (
        map.queryRenderedFeatures({ layers: ['desa-fill'], filter: ['==', ['get', 'kode_desa'], kode] })
          .length > 0
      );
    }, target.kode);
    expect(inView).toBe(true);
    expect(await card.locator('figure svg rect').count()).toBe(10);
    await screenshot(page, 'explore-search-card');
    await page.keyboard.press('Escape');
  });

  it('focuses a kecamatan: the table lists only its desa, ranked', async ({ app }) => {
    const { page } = app;
    const kec = await page.evaluate(
      () => window.__kantong.explore.district.kecamatan!.features[2].properties,
    );
    await page.locator('#focus').selectOption(kec.kode_kec);
    const toggle = page.getByRole('button', { name: 'Tampilkan tabel' });
    if (await toggle.isVisible()) await toggle.click();
    const names = await page.$$eval('#unit-table tbody tr', (rows) =>
      rows.map((r) => r.children[2].textContent?.trim()),
    );
    expect(names.length).toBe(kec.jumlah_desa);
    expect(new Set(names)).toEqual(new Set([kec.nama_kec]));
    const values = await page.evaluate(() => {
      const { explore } = window.__kantong;
      return explore.values.filter((v, i) => explore.inScope[i] && v !== null) as number[];
    });
    expect(values.length).toBeGreaterThan(0);
    await screenshot(page, 'explore-focus-table');
    // selecting a row selects the desa on the map
    await page.locator('#unit-table tbody tr').first().getByRole('button').click();
    expect(await page.locator('aside.card').isVisible()).toBe(true);
    // ...and outlines it: the outline's source holds that desa's polygon, marked selected, and nothing else
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const { map, explore } = window.__kantong;
          const data = (await (map.getSource('highlight') as GeoJSONSource).getData()) as FeatureCollection;
          const desa = explore.district.desa!.features.find(
            (f) => f.properties.kode_desa === explore.selected,
          );
          return data.features.map(
            (f) => `${f.properties!.state}:${JSON.stringify(f.geometry) === JSON.stringify(desa?.geometry)}`,
          );
        }),
      )
      .toEqual(['selected:true']);
    await page.keyboard.press('Escape');
  });

  it('LISA cluster map: legend counts equal the statistics core run on the same data', async ({ app }) => {
    const { page } = app;
    await page.getByRole('radio', { name: 'Klaster LISA' }).check();
    await page.locator('section.legend li[data-category="cluster.1"]').waitFor();
    await idle(page);
    const rows = await legendRows(page);
    const { desa, table } = defaultData();
    const units = unitsFromDesaRows(
      table.rows,
      desa.features.map((f) => ({ kode: f.properties.kode_desa, luas_km2: f.properties.luas_km2 })),
    );
    const values = computeIndicator('share_d1', units, table.periods.at(-1)!);
    const { weights } = buildWeights(
      { kind: 'tolerant', toleranceMetres: 10 },
      desa.features.map((f) => f.geometry),
    );
    // the default view's settings (FDR by default since issue 11: the schema's default, not a literal)
    const core = analyseUnitClusters(values, weights, {
      permutations: 999,
      seed: 1,
      alpha: 0.05,
      pAdjust: DEFAULT_ANALYSIS.adjust,
      expectRate: true,
    });
    const count = (c: number) =>
      Array.from(core.clusters).filter((x, i) => x === c && core.hasValue[i]).length;
    const byCategory = Object.fromEntries(rows.map((r) => [r.category, r.count]));
    expect(byCategory['cluster.1']).toBe(count(1));
    expect(byCategory['cluster.3']).toBe(count(3));
    expect(byCategory['cluster.2']).toBe(count(2));
    expect(byCategory['cluster.4']).toBe(count(4));
    expect(byCategory['cluster.0']).toBe(count(0) - core.noData);
    expect(count(1)).toBeGreaterThan(0);
    await screenshot(page, 'explore-lisa');
  });

  it('a copied link reopens the same view in a fresh page; back and forward work', async ({
    app,
    browser,
  }) => {
    const { page } = app;
    await page.getByRole('radio', { name: 'Klaster LISA' }).check();
    await page.locator('section.legend li[data-category="cluster.1"]').waitFor();
    await page.locator('#focus').selectOption({ index: 3 });
    const url = page.url();
    expect(url).toContain('mode=lisa');
    expect(url).toContain('kecamatan=');
    const before = await page.evaluate(() => ({
      view: { ...window.__kantong.explore.view },
      title: document.querySelector('h1')!.textContent,
    }));
    const fresh = await openApp(browser, { query: `?${url.split('?')[1]}` });
    try {
      await fresh.page.locator('section.legend li[data-category="cluster.1"]').waitFor();
      const after = await fresh.page.evaluate(() => ({
        view: { ...window.__kantong.explore.view },
        title: document.querySelector('h1')!.textContent,
      }));
      expect(after).toEqual(before);
      expect(await legendRows(fresh.page)).toEqual(await legendRows(page));
    } finally {
      await fresh.context.close();
    }
    await page.goBack();
    await expect.poll(() => page.evaluate(() => window.__kantong.explore.view.focus)).toBeNull();
    await page.goForward();
    await expect.poll(() => page.evaluate(() => window.__kantong.explore.view.focus)).toBe(before.view.focus);
    // The copied link is the app's own address, and that address serves the app's page.
    expect(url.startsWith(appUrl())).toBe(true);
    const served = await fetch(appUrl());
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await served.text();
    expect(html).toContain('<title>Kantong — peta kantong kemiskinan</title>');
    expect(html).toMatch(/<script type="module"[^>]* src="\.\/assets\/index-[\w-]+\.js"/);
  });
});

describe.skipIf(chromiumMissing)('accessibility', () => {
  for (const [name, query] of [
    ['default view', ''],
    ['LISA cluster map', '?mode=lisa'],
    ['English, kecamatan level', '?level=kecamatan'],
  ] as const) {
    it(`axe finds no serious or critical violation: ${name}`, async ({ browser }) => {
      const app = await openApp(browser, { query });
      try {
        if (name.startsWith('English'))
          await app.page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
        if (query.includes('lisa'))
          await app.page.locator('section.legend li[data-category]').first().waitFor();
        const result = await new AxeBuilder({ page: app.page }).exclude('.maplibregl-canvas').analyze();
        const bad = result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
        expect(bad).toEqual([]);
      } finally {
        await app.context.close();
      }
    });
  }

  it('every control is reachable by keyboard, with a visible focus and an accessible name', async ({
    browser,
  }) => {
    const app = await openApp(browser);
    try {
      const { page } = app;
      const controls = await page.$$eval(
        'header button, header input, aside#explore-panel :is(button, input, select, summary)',
        (els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length,
      );
      const reached = new Set<string>();
      const problems: string[] = [];
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const info = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const labelled =
            el.getAttribute('aria-label') ||
            (el as HTMLInputElement).labels?.[0]?.textContent ||
            el.textContent;
          return {
            key: `${el.tagName}#${el.id}|${(el as HTMLInputElement).name ?? ''}|${el.getAttribute('aria-label') ?? ''}|${el.textContent?.trim().slice(0, 30) ?? ''}|${(el as HTMLInputElement).value ?? ''}`,
            inPanel: !!el.closest('header, aside#explore-panel'),
            outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
            named: !!labelled && labelled.trim().length > 0,
          };
        });
        if (!info) continue;
        if (info.inPanel) reached.add(info.key);
        if (!info.outline) problems.push(`no visible focus: ${info.key}`);
        if (!info.named) problems.push(`no accessible name: ${info.key}`);
      }
      expect(problems).toEqual([]);
      // Radio groups take one Tab stop for the group, so reached ≥ controls minus the extra radios.
      const radios = await page.$$eval('aside#explore-panel input[type=radio]', (r) => r.length);
      const groups = await page.$$eval(
        'aside#explore-panel input[type=radio]',
        (r) => new Set(r.map((x) => (x as HTMLInputElement).name)).size,
      );
      expect(reached.size).toBeGreaterThanOrEqual(controls - (radios - groups));
    } finally {
      await app.context.close();
    }
  });
});
