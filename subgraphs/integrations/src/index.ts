// Placeholder until the subgraph lands: the database description the platform migrates.
export const integrationsDatabase = { schema: 'integrations', entities: [] as Function[], migrations: [] as Function[] };
