import type { ProviderDefinition } from '../../definition';
import type { Provider, ProviderIdentity } from '../../display';
import { bearerTokenOf } from '../bearer';
import { deliveryHeroAdapter } from './adapter';
import { deliveryHeroControl } from './control';
import { deliveryHeroSimulator } from './simulator';

/** What a Delivery Hero brand's folder holds of its own: who it is, its page and its fixtures. */
export type DeliveryHeroBrandParts = Pick<ProviderDefinition, 'directory' | 'docPage' | 'fixtures'> & {
  identity: ProviderIdentity & { code: Provider };
};

/**
 * The definition of one brand on Delivery Hero's POS plugin API
 * (delivery-hero.md): the shared adapter under the brand's code and name,
 * authenticated by the middleware's bearer JWT.
 */
export function deliveryHeroDefinition(brand: DeliveryHeroBrandParts): ProviderDefinition {
  return {
    ...brand,
    adapter: deliveryHeroAdapter({ provider: brand.identity.code, name: brand.identity.name }),
    credential: { headers: ['authorization'], signsBody: false, of: bearerTokenOf },
    keptHeaders: [],
    simulator: deliveryHeroSimulator(brand.identity.name, {
      platformKey: brand.identity.demo.controlIds['platformKey'] ?? '',
      platformRestaurantId: brand.identity.demo.controlIds['platformRestaurantId'] ?? '',
    }),
    control: deliveryHeroControl,
  };
}
