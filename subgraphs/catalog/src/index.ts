export { catalogDatabase } from './database';
export { catalogConfigShape, type CatalogConfig } from './config';
export { createCatalogServer, type CatalogServer } from './server';
export { buildCatalogSchema, catalogSdl, createCatalogServices, type CatalogServices } from './schema';
export type { BranchConnection, BranchDirectory } from './common/branch-directory';
export { validateMenu, type ImportMenuInput } from './common/menu-validation';
