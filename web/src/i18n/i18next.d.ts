import 'i18next';
import type { RESOURCES } from './resources';

/** Keys are checked at compile time against the English catalogs. */
declare module 'i18next' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- only an interface merges into i18next's
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: (typeof RESOURCES)['en'];
  }
}
