// Placeholder until the subgraph lands: the database description the platform migrates.
export const ordersDatabase = { schema: 'orders', entities: [] as Function[], migrations: [] as Function[] };
