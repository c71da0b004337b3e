import * as app from './strings/app.strings';
import * as attention from './strings/attention.strings';
import * as webhookEvents from './strings/webhook-events.strings';
import * as alerts from './strings/alerts.strings';
import * as availability from './strings/availability.strings';
import * as integrations from './strings/integrations.strings';
import * as kitchen from './strings/kitchen.strings';
import * as orders from './strings/orders.strings';
import * as overview from './strings/overview.strings';
import * as printing from './strings/printing.strings';
import * as settings from './strings/settings.strings';
import * as storeStatus from './strings/store-status.strings';
import * as ui from './strings/ui.strings';
import * as menu from './strings/menu.strings';
import * as syncLog from './strings/sync-log.strings';

/** Every catalog, by language and namespace (one namespace per feature). */
export const RESOURCES = {
  en: {
    app: app.en,
    ui: ui.en,
    integrations: integrations.en,
    kitchen: kitchen.en,
    printing: printing.en,
    attention: attention.en,
    webhookEvents: webhookEvents.en,
    orders: orders.en,
    alerts: alerts.en,
    overview: overview.en,
    settings: settings.en,
    availability: availability.en,
    storeStatus: storeStatus.en,
    menu: menu.en,
    syncLog: syncLog.en,
  },
  ar: {
    app: app.ar,
    ui: ui.ar,
    integrations: integrations.ar,
    kitchen: kitchen.ar,
    printing: printing.ar,
    attention: attention.ar,
    webhookEvents: webhookEvents.ar,
    orders: orders.ar,
    alerts: alerts.ar,
    overview: overview.ar,
    settings: settings.ar,
    availability: availability.ar,
    storeStatus: storeStatus.ar,
    menu: menu.ar,
    syncLog: syncLog.ar,
  },
} as const;
