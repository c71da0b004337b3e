import fs from 'node:fs';
import path from 'node:path';
import { PROVIDER_DEFINITIONS } from '@nexara/providers';
import { REPO_ROOT } from './paths';

/**
 * A provider is one folder (docs/adding-a-provider.md): outside
 * `packages/providers/src/<provider>/` nothing names it, so adding one is its
 * folder and its line in the registry. Reads every tracked-looking text file
 * and fails, naming the file, when one outside its provider's folder names a
 * provider (its name, in any case).
 */

const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.data', '.turbo', '.git', 'coverage', 'test-results']);
const TEXT_FILE = /\.(ts|tsx|js|cjs|mjs|json|md|graphql|sql|yml|yaml|html|css|txt)$|^Dockerfile$/;

/**
 * Files that still name providers, each with why. The test fails when one no
 * longer does, so the list only shrinks.
 */
const ALLOWED = new Map<string, string>([
  // The registry: one line per provider.
  ['packages/providers/src/display.ts', 'registry'],
  ['packages/providers/src/registry.ts', 'registry'],
  // Migrations are history and never edited; the CHECKs they wrote are replaced by ProviderCodesFromRegistry, whose down() restores them.
  ['subgraphs/integrations/src/migrations/1795920100000-CreateConnections.ts', 'history'],
  ['subgraphs/integrations/src/migrations/1795920400000-CreateWebhookEvents.ts', 'history'],
  ['subgraphs/integrations/src/migrations/1795920650000-WebhookEventProviderNotice.ts', 'history'],
  ['subgraphs/integrations/src/migrations/1795920700000-CreateHealthAndAlerts.ts', 'history'],
  ['subgraphs/integrations/src/migrations/1796600000000-ProviderCodesFromRegistry.ts', 'history'],
  ['subgraphs/orders/src/migrations/1795920000000-CreateOrderTables.ts', 'history'],
  ['subgraphs/orders/src/migrations/1795920000009-ProviderCodesFromRegistry.ts', 'history'],
  // The simulator's own tests and test support: independent wire verifiers of four providers' schemes and their exact routes (what iterates providers reads the registry); each provider's part is its folder's simulator.ts.
  ['packages/simulator/src/callback-server.spec.ts', 'simulator'],
  ['packages/simulator/src/send.spec.ts', 'simulator'],
  ['packages/simulator/src/signing.spec.ts', 'simulator'],
  ['packages/simulator/src/testing/fake-platform.ts', 'simulator'],
  ['packages/simulator/src/testing/independent-checks.ts', 'simulator'],
  // Prose that names providers as examples or lists them; to be re-pointed at packages/providers.
  ['README.md', 'docs'],
  ['docs/architecture.md', 'docs'],
  ['docs/providers/README.md', 'docs'],
  // Tests and test support that exercise one named provider (sample data, a provider-specific behaviour); each moves into its provider folder or goes generic.
  ['e2e/browser/dashboard.browser-spec.ts', 'tests'],
  ['e2e/browser/kitchen.browser-spec.ts', 'tests'],
  ['e2e/browser/orders-grid.browser-spec.ts', 'tests'],
  ['e2e/browser/pages.browser-spec.ts', 'tests'],
  ['e2e/browser/webhook-events.browser-spec.ts', 'tests'],
  ['e2e/egress.e2e-spec.ts', 'tests'],
  ['e2e/health-alerts.e2e-spec.ts', 'tests'],
  ['e2e/prometheus.e2e-spec.ts', 'tests'],
  ['e2e/shared-rate-limits.e2e-spec.ts', 'tests'],
  ['e2e/faults/support/ledger-checks.ts', 'tests'],
  ['e2e/test-orders.e2e-spec.ts', 'tests'],
  ['e2e/tracing.e2e-spec.ts', 'tests'],
  ['e2e/webhook-abuse.e2e-spec.ts', 'tests'],
  ['e2e/webhook-fuzz.e2e-spec.ts', 'tests'],
  ['e2e/webhooks.e2e-spec.ts', 'tests'],
  ['e2e/webhook-pipeline/provider-callback.e2e-spec.ts', 'tests'],
  ['e2e/webhook-pipeline/webhook-worker.e2e-spec.ts', 'tests'],
  ['gateway/src/webhooks/webhook-routes.spec.ts', 'tests'],
  ['packages/contracts/src/provider-callback-job.spec.ts', 'tests'],
  ['packages/kit/src/egress/egress-rules.spec.ts', 'tests'],
  ['subgraphs/integrations/src/connections/connection-admin.int-spec.ts', 'tests'],
  ['subgraphs/integrations/src/connections/connection-security.int-spec.ts', 'tests'],
  ['subgraphs/integrations/src/connections/connection.int-spec.ts', 'tests'],
  ['subgraphs/integrations/src/connections/connection.validation.spec.ts', 'tests'],
  ['subgraphs/integrations/src/connections/test-webhook.int-spec.ts', 'tests'],
  ['subgraphs/integrations/src/testing/adapter-fuzz.ts', 'tests'],
  ['subgraphs/integrations/src/testing/connection-factory.ts', 'tests'],
  ['subgraphs/integrations/src/testing/webhook-receiver.ts', 'tests'],
  ['subgraphs/integrations/src/webhooks/connection-directory.int-spec.ts', 'tests'],
  ['subgraphs/integrations/src/webhooks/header-redaction.spec.ts', 'tests'],
  ['subgraphs/integrations/src/webhooks/webhook-event-writer.int-spec.ts', 'tests'],
  ['subgraphs/integrations/src/webhooks/webhook-event.int-spec.ts', 'tests'],
  ['subgraphs/integrations/src/webhooks/webhook-inbox.int-spec.ts', 'tests'],
  ['subgraphs/orders/src/callbacks/provider-callback-jobs.int-spec.ts', 'tests'],
  ['subgraphs/orders/src/callbacks/provider-callback.int-spec.ts', 'tests'],
  ['subgraphs/orders/src/callbacks/provider-callback.record.spec.ts', 'tests'],
  ['subgraphs/orders/src/metrics/order-metrics-rollup.int-spec.ts', 'tests'],
  ['subgraphs/orders/src/metrics/order-metrics.int-spec.ts', 'tests'],
  ['subgraphs/orders/src/orders/order-acceptance-risk.int-spec.ts', 'tests'],
  ['subgraphs/orders/src/orders/order-cursor.spec.ts', 'tests'],
  ['subgraphs/orders/src/orders/order-pagination.int-spec.ts', 'tests'],
  ['subgraphs/orders/src/orders/order-staff.int-spec.ts', 'tests'],
  ['subgraphs/orders/src/orders/provider-callback.job.spec.ts', 'tests'],
  ['subgraphs/orders/src/orders/provider-order-event.int-spec.ts', 'tests'],
  ['subgraphs/orders/src/orders/provider-order-event.validation.spec.ts', 'tests'],
  ['subgraphs/orders/src/testing/order-factory.ts', 'tests'],
  ['web/src/features/kitchen/kitchen-order.fixture.ts', 'tests'],
  ['web/src/features/orders/order-filter.test.ts', 'tests'],
  ['web/src/features/orders/order-row.fixture.ts', 'tests'],
  ['web/src/features/orders/order-sort.test.ts', 'tests'],
  ['web/src/features/overview/revenue-series.test.ts', 'tests'],
  ['web/src/features/printing/TicketPrinter.test.tsx', 'tests'],
  ['web/src/features/printing/ticket.fixture.ts', 'tests'],
  ['web/src/ui/metrics-summary.test.ts', 'tests'],
  // Comments, GraphQL descriptions and sample values that name a provider as an example, and the provider-specific branch left (the dashboard form defaults to one).
  ['subgraphs/integrations/src/connections/connection.types.ts', 'source'],
  ['subgraphs/integrations/src/webhooks/webhook-event.types.ts', 'source'],
  ['web/src/features/integrations/CreateConnectionForm.tsx', 'source'],
  // A provider's code that compares itself with another provider.
  ['packages/providers/src/careem/callbacks.ts', 'source'],
  ['packages/providers/src/careem/parse.ts', 'source'],
  ['packages/providers/src/jahez/callbacks.ts', 'source'],
  // The catalog subgraph and tests that landed beside this change: to be derived from the registry likewise.
  ['BENCHMARKS.md', 'docs'],
  ['deploy/prometheus/alerts.test.yml', 'tests'],
  ['e2e/browser/attention.browser-spec.ts', 'tests'],
  ['e2e/browser/orders-bulk.browser-spec.ts', 'tests'],
  ['subgraphs/catalog/src/branches/branch-control.int-spec.ts', 'tests'],
  ['subgraphs/catalog/src/common/catalog.types.ts', 'source'],
  ['subgraphs/catalog/src/common/menu-validation.ts', 'source'],
  ['subgraphs/catalog/src/migrations/1796500000000-CreateCatalogTables.ts', 'history'],
  // Its CHECK replaced by a shape, like the other schemas'; down() restores the list as it stood.
  ['subgraphs/catalog/src/migrations/1796810000000-ProviderCodesFromRegistry.ts', 'history'],
  ['subgraphs/catalog/src/testing/catalog-test-env.ts', 'tests'],
]);

/** Whole folders allowed, for generated or historical files. */
const ALLOWED_PREFIXES: readonly [string, string][] = [
  // Generated from the registry (the GraphQL enum): regenerated, never edited.
  ['subgraphs/orders/schema.graphql', 'generated'],
  ['subgraphs/integrations/schema.graphql', 'generated'],
  ['subgraphs/catalog/schema.graphql', 'generated'],
  ['gateway/schema/', 'generated (composed supergraph and public contract)'],
  ['web/src/gql/', 'generated (GraphQL Code Generator)'],
  ['web/persisted-documents.json', 'generated'],
  ['package-lock.json', 'generated'],
];

function textFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path.relative(REPO_ROOT, full) === path.join('web', 'dist')) continue;
      out.push(...textFiles(full));
    } else if (TEXT_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

const names = PROVIDER_DEFINITIONS.map((definition) => ({
  directory: path.relative(REPO_ROOT, definition.directory) + path.sep,
  pattern: new RegExp(definition.identity.name.replace(/[^A-Za-z0-9]/g, ''), 'i'),
}));

function offenders(): string[] {
  return (
    textFiles(REPO_ROOT)
      .map((file) => path.relative(REPO_ROOT, file))
      // This file's allow-list names the files, and so their providers' folders.
      .filter((file) => file !== path.relative(REPO_ROOT, __filename))
      .filter((file) => {
        const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
        return names.some(({ directory, pattern }) => !file.startsWith(directory) && pattern.test(text));
      })
      .sort()
  );
}

describe('provider names', () => {
  const found = offenders();
  const allowedByPrefix = (file: string): boolean => ALLOWED_PREFIXES.some(([prefix]) => file.startsWith(prefix));

  it('appear only in their own provider folder (and the registry, and generated files)', () => {
    expect(found.filter((file) => !ALLOWED.has(file) && !allowedByPrefix(file))).toEqual([]);
  });

  it('still appear in every file allowed to name them (the allow-list only shrinks)', () => {
    expect([...ALLOWED.keys()].filter((file) => !found.includes(file))).toEqual([]);
  });
});
