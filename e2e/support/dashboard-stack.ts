import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { startGateway } from './gateway';
import { startTestPlatform, type TestPlatform } from './platform';
import { serveDashboard } from './web-server';

/** The platform, a production gateway, the built dashboard served in front of it, and Chromium: one browser test file's world. */
export type DashboardStack = {
  platform: TestPlatform;
  gateway: Awaited<ReturnType<typeof startGateway>>;
  web: Awaited<ReturnType<typeof serveDashboard>>;
  browser: Browser;
};

export async function startDashboardStack(options: Parameters<typeof startTestPlatform>[0]): Promise<DashboardStack> {
  const platform = await startTestPlatform(options);
  const gateway = await startGateway(platform, { NODE_ENV: 'production' });
  const web = await serveDashboard(gateway.url);
  const browser = await launchChromium();
  return { platform, gateway, web, browser };
}

/** Stops what `startDashboardStack` started, last started first (any part may be missing after a failed start). */
export async function stopDashboardStack(stack: Partial<DashboardStack> | undefined): Promise<void> {
  await stack?.browser?.close();
  await stack?.web?.close();
  await stack?.gateway?.stop();
  await stack?.platform?.stop();
}
