/**
 * Errors where the eye is: the wrong-kabupaten refusal of the import, raised by the button at the bottom of
 * the mapping step, is in view (inside the window and inside its scrolling dialog) and announced (role alert).
 */
import { describe, expect } from 'vitest';
import { chromiumMissing, it, openApp } from './harness.ts';
import { defaultDistrict, syntheticExtract } from './import-fixture.ts';

const extract = syntheticExtract(300, ['2025-Q3'], 5);

describe.skipIf(chromiumMissing)('errors where the eye is', () => {
  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 390, height: 844 },
  ])
    it(`the wrong-kabupaten import error is in view at ${viewport.width}×${viewport.height}`, async ({
      browser,
    }) => {
      const app = await openApp(browser, { viewport });
      const { page } = app;
      try {
        const own = defaultDistrict().kodeKab.replace('.', '');
        const another =
          own === '9999' ? '9998' : `${own.slice(0, 2)}${String(Number(own.slice(2)) + 1).padStart(2, '0')}`;
        const other = extract.text.replace(new RegExp(`;${own}(\\d{6});`, 'g'), `;${another}$1;`);
        await page.getByRole('button', { name: 'Impor data' }).click();
        const dialog = page.getByRole('dialog', { name: 'Impor data' });
        await dialog.waitFor();
        await dialog.locator('input[type=file]').setInputFiles({
          name: 'kabupaten-lain.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(other, 'utf8'),
        });
        await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
        // the button is at the bottom of a long step: scrolled to it, the top of the step is out of view
        const join = dialog.getByRole('button', { name: 'Gabungkan ke desa' });
        await join.scrollIntoViewIfNeeded();
        await join.click();
        const error = dialog.locator('[data-error-code="nothing_joined"]');
        await error.waitFor();
        await page.waitForTimeout(200);
        const where = await error.evaluate((el) => {
          const r = el.getBoundingClientRect();
          let clip = { top: 0, bottom: innerHeight, left: 0, right: innerWidth };
          for (let p = el.parentElement; p; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (/(auto|scroll|hidden|clip)/.test(s.overflowY)) {
              const b = p.getBoundingClientRect();
              clip = {
                top: Math.max(clip.top, b.top),
                bottom: Math.min(clip.bottom, b.bottom),
                left: Math.max(clip.left, b.left),
                right: Math.min(clip.right, b.right),
              };
            }
          }
          return { top: r.top, bottom: r.bottom, clip, role: el.getAttribute('role') };
        });
        expect(where.role).toBe('alert');
        expect(where.top).toBeGreaterThanOrEqual(where.clip.top - 1);
        expect(where.top).toBeLessThan(where.clip.bottom - 20);
        expect(await error.innerText()).toMatch(/kabupaten\/kota lain/);
      } finally {
        await app.context.close();
      }
    });
});
