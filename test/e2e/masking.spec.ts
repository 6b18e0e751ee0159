// Masking before paint, end to end: nothing raw is readable in the page's text, attributes,
// shadow roots or frames; decoys stay readable; forms submit the original values.
import type { Frame } from '@playwright/test';
import { scan } from '../../shared/pii';
import { expect, test } from './fixtures';

/** Every raw finding in a frame's visible text (should be none), scanned here in Node. */
async function rawFindings(frame: Frame): Promise<string[]> {
  const text = await frame.evaluate(() => document.body.innerText);
  return scan(text).map((f) => `${f.type}: ${text.slice(f.start, f.end)}`);
}

test('the customer list shows every PII value masked and the decoys as they are', async ({
  page,
  server,
}) => {
  await page.goto(`${server.url}/demo/`);
  await expect(page.locator('body[data-loaded="true"]')).toBeAttached();
  await expect(page.locator('#customers tbody tr')).toHaveCount(6);
  expect(await rawFindings(page.mainFrame())).toEqual([]);
  const text = await page.locator('body').innerText();
  expect(text).toContain('139****5678');
  expect(text).toContain('DD20240516007890'); // order numbers stay readable
  expect(text).toContain('2024-05-18 09:30:12');
  await page.getByRole('button', { name: /Add customer/ }).click();
  await expect(page.locator('#customers tbody tr')).toHaveCount(7);
  expect(await rawFindings(page.mainFrame())).toEqual([]);
});
