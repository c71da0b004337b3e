import type { Page } from 'playwright-core';
import { LIVE_TIMEOUT_MS, openSignedIn, signInOn } from '../support/dashboard';
import { startDashboardStack, stopDashboardStack, type DashboardStack } from '../support/dashboard-stack';

/**
 * Issue #16, defect 8: signing out ends the session at the gateway and in
 * every tab, an expired or ended session says why on the sign-in page, the
 * sound button says what the browser really does after a reload, and
 * favicon.ico is there.
 */
let stack: DashboardStack;

beforeAll(async () => {
  stack = await startDashboardStack({ ordersPerTenant: 2 });
}, 240_000);

afterAll(async () => {
  await stopDashboardStack(stack);
});

const OWNER = 'owner@demo-bistro.test';

async function tokenOf(page: Page): Promise<string> {
  const raw = await page.evaluate<string | null>("localStorage.getItem('nexara.session')");
  return (JSON.parse(raw!) as { token: string }).token;
}

/** The gateway's answer to a request made with `token`: the error code, or null when it was served. */
async function gatewayAnswers(token: string, query = '{ orders(first: 1) { totalCount } }'): Promise<string | null> {
  const response = await fetch(`${stack.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return body.errors?.[0]?.extensions?.code ?? null;
}

const signInPage = (page: Page) => page.getByRole('button', { name: 'Sign in' });

describe('sessions in the dashboard', () => {
  it('signing out calls logout (the token stops working) and signs out the other tabs, saying why', async () => {
    const { context, page: first } = await openSignedIn(stack.browser, stack.web.url, OWNER);
    const second = await context.newPage();
    await second.goto('/');
    await second.getByRole('navigation', { name: 'Main' }).waitFor();
    const token = await tokenOf(first);
    expect(await gatewayAnswers(token)).toBeNull();

    await first.getByRole('button', { name: 'Sign out' }).click();
    await signInPage(first).waitFor();
    await signInPage(second).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await second.getByText('You signed out in another tab.').waitFor();
    expect(
      await first
        .getByRole('status')
        .filter({ hasText: /signed out|expired|ended/ })
        .count(),
    ).toBe(0);
    expect(await gatewayAnswers(token)).toBe('UNAUTHENTICATED');

    // Signing in again in one tab signs the other in too.
    await signInOn(second, OWNER);
    await first.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: LIVE_TIMEOUT_MS });
    await context.close();
  });

  it('an expired session says so on the sign-in page after a reload', async () => {
    const { context, page } = await openSignedIn(stack.browser, stack.web.url, OWNER);
    await page.evaluate(`(() => {
      const session = JSON.parse(localStorage.getItem('nexara.session'));
      localStorage.setItem('nexara.session', JSON.stringify({ ...session, expiresAt: new Date(0).toISOString() }));
    })()`);
    await page.reload();
    await signInPage(page).waitFor();
    await page.getByText('Your session has expired. Please sign in again.').waitFor();
    await context.close();
  });

  it('a session ended elsewhere says so, not that it expired', async () => {
    const { context, page } = await openSignedIn(stack.browser, stack.web.url, OWNER);
    expect(await gatewayAnswers(await tokenOf(page), 'mutation { logout }')).toBeNull();
    // Whichever path tells the page first (its socket closed by the event, by the check before a delivery or an
    // operation, or an HTTP request refused), the sign-in page says the session was ended.
    await signInPage(page).waitFor({ timeout: LIVE_TIMEOUT_MS });
    expect(await page.getByRole('status').allTextContents()).toEqual([
      expect.stringMatching(/^Your session was ended/),
    ]);
    await context.close();
  });

  it('serves favicon.ico', async () => {
    const response = await fetch(`${stack.web.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0, 0, 1, 0]); // the ICO header: reserved 0, type 1 (icon)
  });
});

/**
 * Chrome's autoplay policy, which this headless Chromium does not apply (not
 * even with --autoplay-policy=user-gesture-required), and whose user
 * activation flag playwright's own calls would set: an audio context does not
 * run until the page got a real click or key press and then called resume();
 * resume() before that does nothing. The page sees the context suspended until
 * then (its `state`, and a statechange when it starts). The real context runs
 * underneath: suspending it to match raced with its own start and the page's
 * resume() under load, which Chrome, never starting it, cannot do.
 */
const AUTOPLAY_POLICY = `(() => {
  let used = false;
  for (const type of ['pointerdown', 'keydown']) {
    window.addEventListener(type, (event) => (used ||= event.isTrusted), true);
  }
  const Real = window.AudioContext;
  const realState = Object.getOwnPropertyDescriptor(BaseAudioContext.prototype, 'state').get;
  window.AudioContext = class extends Real {
    #started = false;
    get state() {
      return this.#started ? realState.call(this) : 'suspended';
    }
    async resume() {
      if (!used) return;
      await super.resume();
      if (!this.#started) {
        this.#started = true;
        this.dispatchEvent(new Event('statechange'));
      }
    }
  };
})();`;

describe('the sound button after a reload', () => {
  it('says the browser holds sound back until a click, and then that sound is on', async () => {
    const { context } = await openSignedIn(stack.browser, stack.web.url, OWNER);
    await context.addInitScript({ content: AUTOPLAY_POLICY });
    // A page loaded anew, as after a reload: nobody has clicked it yet.
    const loaded = async () => {
      const page = await context.newPage();
      await page.goto('/');
      const button = page.getByRole('region', { name: 'Live orders' }).getByRole('button', { name: /sound/i });
      return { page, button };
    };
    let { page, button } = await loaded();
    await button.filter({ hasText: 'Click to enable sound' }).waitFor();
    await button.click();
    await button.filter({ hasText: 'Sound on' }).waitFor();

    ({ page, button } = await loaded());
    await button.filter({ hasText: 'Click to enable sound' }).waitFor();
    await page.getByRole('heading', { level: 1 }).click(); // any click on the page lifts the block
    await button.filter({ hasText: 'Sound on' }).waitFor();
    await button.click();
    await button.filter({ hasText: 'Sound off' }).waitFor();

    ({ button } = await loaded());
    await button.filter({ hasText: 'Sound off' }).waitFor();
    await context.close();
  });
});
