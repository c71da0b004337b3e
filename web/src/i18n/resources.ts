import * as app from '../app/app.strings';
import * as attention from '../features/attention/attention.strings';
import * as webhookEvents from '../features/webhook-events/webhook-events.strings';
import * as alerts from '../features/alerts/alerts.strings';
import * as integrations from '../features/integrations/integrations.strings';
import * as kitchen from '../features/kitchen/kitchen.strings';
import * as orders from '../features/orders/orders.strings';
import * as overview from '../features/overview/overview.strings';
import * as printing from '../features/printing/printing.strings';
import * as settings from '../features/settings/settings.strings';
import * as ui from '../ui/ui.strings';

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
  },
} as const;
