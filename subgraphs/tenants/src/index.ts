// Placeholder until the subgraph lands: the database description the platform migrates.
export const tenantsDatabase = { schema: 'tenants', entities: [] as Function[], migrations: [] as Function[] };
