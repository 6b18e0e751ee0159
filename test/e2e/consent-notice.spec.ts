// The consent notice on a customer's first visit (R1–R5, R8): what it says, that nothing optional
// runs before an answer, and what each answer leaves on the page and in the service's ledger.
import {
  analyticsRuns,
  decisionMap,
  expect,
  gatedFrame,
  isGranted,
  openShop,
  shopPolicy,
  test,
  verifyBySms,
  widget,
} from './consent-fixtures';
import { ConsentPolicySchema } from '../../shared/schema';

const policy = ConsentPolicySchema.parse(shopPolicy(1));
const OPTIONAL = ['analytics', 'marketing', 'partner-sharing', 'id-verification'];
/** What makes the three answers look alike (R3: equally prominent). */
const LOOK = [
  'font-size',
  'font-weight',
  'color',
  'background-color',
  'border-top-width',
  'border-top-color',
  'border-radius',
  'padding-top',
  'padding-left',
];

test.describe('the notice on a first visit', () => {
  test('says what, why and who before anything optional runs; Reject all refuses every purpose', async ({
    shop,
    page,
  }) => {
    await openShop(page, shop);
    const { dialog, button, switchOf, fab } = widget(page);
    await expect(dialog).toHaveAccessibleName('Your privacy choices');

    // R1: the summary, the rights, the controller and the full policy.
    await expect(dialog).toContainText(policy.summary.en);
    await expect(dialog).toContainText(policy.rights.en);
    await expect(dialog).toContainText(`Controller: ${policy.controller.name.en}`);
    await expect(dialog.getByRole('link', { name: 'Full privacy policy' })).toHaveAttribute(
      'href',
      policy.fullPolicyUrl,
    );

    // R3: every optional purpose is off; the required one is shown, not toggled.
    await expect(dialog.getByRole('switch')).toHaveCount(OPTIONAL.length);
    for (const p of policy.purposes.filter((x) => !x.required)) {
      await expect(switchOf(p.title.en)).not.toBeChecked();
      await expect(switchOf(p.title.en)).toBeEnabled();
    }
    const orders = dialog.getByRole('listitem').filter({ hasText: 'Orders and delivery' });
    await expect(orders).toContainText('Always on');
    await expect(orders.getByRole('switch')).toHaveCount(0);
    // R2, R8: the data each purpose needs and who receives it.
    await expect(orders).toContainText('Name, Mobile number, Delivery address');
    await expect(orders).toContainText('SF Express (Mainland China)');

    // R3: the three answers are equally prominent.
    const answers = ['Accept all', 'Reject all', 'Save choices'].map(button);
    const looks = await Promise.all(
      answers.map(async (b) => ({
        box: await b.boundingBox(),
        style: await b.evaluate(
          (el, props) => props.map((name) => getComputedStyle(el).getPropertyValue(name)),
          LOOK,
        ),
      })),
    );
    for (const { box, style } of looks.slice(1)) {
      expect(box?.width).toBeCloseTo(looks[0]!.box!.width, 0);
      expect(box?.height).toBeCloseTo(looks[0]!.box!.height, 0);
      expect(style).toEqual(looks[0]!.style);
    }

    // Nothing optional before an answer.
    expect(await analyticsRuns(page)).toBe(0);
    await expect(gatedFrame(page)).not.toHaveAttribute('src');
    expect(await isGranted(page, 'analytics')).toBe(false);
    expect(shop.receipts()).toEqual([]);

    await button('Reject all').click();
    await expect(dialog).toBeHidden();
    await expect(fab).toBeVisible();
    expect(await isGranted(page, 'analytics')).toBe(false);
    await expect.poll(() => shop.receipts().length).toBe(1);
    const [receipt] = shop.receipts();
    expect(receipt).toMatchObject({ site: 'shop', policyVersion: 1, method: 'banner', gpc: false });
    expect(decisionMap(receipt)).toEqual({
      orders: true,
      ...Object.fromEntries(OPTIONAL.map((id) => [id, false])),
    });
    expect(await analyticsRuns(page)).toBe(0);
    await expect(gatedFrame(page)).not.toHaveAttribute('src');
  });

  test('Accept all asks for the sensitive purpose on its own screen, then verifies by SMS', async ({
    shop,
    page,
  }) => {
    const phone = '13812345678';
    await openShop(page, shop);
    const { dialog, button } = widget(page);
    await button('Accept all').click();

    // R4: its own screen, an explicit statement to tick, "Agree" only once ticked.
    await expect(dialog).toHaveAccessibleName('Sensitive information');
    await expect(
      dialog.getByRole('heading', { name: /ID check for cross-border orders/ }),
    ).toBeVisible();
    const statement = dialog.getByRole('checkbox', {
      name: 'I agree that Example Shop (Shanghai) Co., Ltd. processes my Name, Resident ID number for “ID check for cross-border orders”.',
    });
    await expect(statement).not.toBeChecked();
    await expect(button('Agree')).toBeDisabled();
    await statement.check();
    await expect(button('Agree')).toBeEnabled();
    await button('Agree').click();

    // R5: a one-time code through the development outbox.
    await verifyBySms(page, shop, phone);
    await expect(dialog).toBeHidden();
    await expect.poll(() => analyticsRuns(page)).toBe(1);
    await expect(gatedFrame(page)).toHaveAttribute('src', 'video.html');
    await expect(
      page.frameLocator('iframe[data-consent="analytics"]').getByText(/Product video/),
    ).toBeVisible();
    for (const id of OPTIONAL) expect(await isGranted(page, id)).toBe(true);

    const [receipt] = shop.receipts();
    expect(receipt?.verification?.channel).toBe('sms');
    expect(receipt?.decisions.every((d) => d.granted)).toBe(true);
    // The address proves nothing the receipt needs: it never reaches the ledger, in any form.
    const ledger = shop.ledgerText();
    expect(ledger).toContain(receipt!.receiptId);
    for (const form of [phone, `+86${phone}`, '138 1234 5678']) expect(ledger).not.toContain(form);
    expect(await analyticsRuns(page)).toBe(1);
  });

  test('"Don\'t agree" leaves the sensitive purpose off and records the others', async ({
    shop,
    page,
  }) => {
    await openShop(page, shop);
    const { dialog, button } = widget(page);
    await button('Accept all').click();
    await expect(dialog).toHaveAccessibleName('Sensitive information');
    await button('Don’t agree').click();
    // Nothing sensitive granted: no code to ask for.
    await expect(dialog).toBeHidden();
    await expect.poll(() => shop.receipts().length).toBe(1);
    const [receipt] = shop.receipts();
    expect(receipt?.verification).toBeNull();
    expect(decisionMap(receipt)).toEqual({
      orders: true,
      analytics: true,
      marketing: true,
      'partner-sharing': true,
      'id-verification': false,
    });
    expect(await isGranted(page, 'id-verification')).toBe(false);
    expect(await isGranted(page, 'marketing')).toBe(true);
    await expect.poll(() => analyticsRuns(page)).toBe(1);
  });

  test('Save choices with one purpose on drives Google Consent Mode v2', async ({ shop, page }) => {
    await openShop(page, shop, { file: 'gcm.html' });
    const { dialog, button, switchOf } = widget(page);
    await expect(dialog).toBeVisible();
    const consentCalls = () =>
      page.evaluate(() =>
        (window.dataLayer ?? []).map((call) => Array.from(call)).filter((a) => a[0] === 'consent'),
      );
    const before = await consentCalls();
    // The first command, before any decision: everything denied, tags told to wait.
    expect(before[0]).toEqual([
      'consent',
      'default',
      {
        ad_storage: 'denied',
        analytics_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        wait_for_update: 500,
      },
    ]);
    for (const [, , signals] of before.slice(1))
      expect(JSON.stringify(signals)).not.toContain('granted');

    await switchOf('Usage statistics').check();
    await button('Save choices').click();
    await expect(dialog).toBeHidden();
    await expect
      .poll(async () => (await consentCalls()).at(-1))
      .toEqual([
        'consent',
        'update',
        {
          ad_storage: 'denied',
          analytics_storage: 'granted',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
        },
      ]);
    const [receipt] = shop.receipts();
    expect(decisionMap(receipt)).toEqual({
      orders: true,
      analytics: true,
      marketing: false,
      'partner-sharing': false,
      'id-verification': false,
    });
    await expect.poll(() => analyticsRuns(page)).toBe(1);
  });
});
