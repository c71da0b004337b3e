import type { RequestContext } from '@nexara/kit';
import { Arg, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { BatchLoader } from '../common/batch-loader';
import { toOrderType } from '../orders/order.mapper';
import { OrderType } from '../orders/order.types';
import type { OrderCallbackEntity } from './order-callback.entity';
import type { ProviderCallbackService } from './provider-callback.service';
import {
  ProviderCallbackType,
  RecordProviderCallbackInput,
  RecordProviderCallbacksResult,
} from './provider-callback.types';

// One loader per request (keyed by its context): a page of orders loads its callbacks with one query.
const loadersByRequest = new WeakMap<RequestContext, BatchLoader<string, OrderCallbackEntity[]>>();

@Resolver(() => OrderType)
export class ProviderCallbackResolver {
  constructor(private readonly callbacksService: ProviderCallbackService) {}

  @FieldResolver(() => [ProviderCallbackType], {
    description: 'What came of telling the provider about changes of this order, oldest first.',
  })
  async callbacks(@Root() order: OrderType, @Ctx() context: RequestContext): Promise<ProviderCallbackType[]> {
    let loader = loadersByRequest.get(context);
    if (!loader) {
      loader = new BatchLoader(
        (ids) => this.callbacksService.callbacks(context.identity, ids),
        () => [],
      );
      loadersByRequest.set(context, loader);
    }
    const rows = await loader.load(order.id);
    return rows.map(({ action, outcome, attempt, httpStatus, detail, at }) => ({
      action,
      outcome,
      attempt,
      httpStatus,
      detail,
      at,
    }));
  }

  @Directive('@inaccessible')
  @Mutation(() => OrderType, {
    description:
      'Internal (service identity only): records an outcome of a provider callback reported by the integrations worker.',
  })
  async recordProviderCallback(
    @Ctx() context: RequestContext,
    @Arg('input', () => RecordProviderCallbackInput) input: RecordProviderCallbackInput,
  ): Promise<OrderType> {
    return toOrderType(await this.callbacksService.recordProviderCallback(context.identity, input));
  }

  @Directive('@inaccessible')
  @Mutation(() => [RecordProviderCallbacksResult], {
    description:
      'Internal (service identity only): records many callback outcomes of one tenant in one transaction, each as ' +
      'recordProviderCallback would; one that fails is rolled back alone and answered with its error.',
  })
  async recordProviderCallbacks(
    @Ctx() context: RequestContext,
    @Arg('inputs', () => [RecordProviderCallbackInput]) inputs: RecordProviderCallbackInput[],
  ): Promise<RecordProviderCallbacksResult[]> {
    const results = await this.callbacksService.recordProviderCallbacks(context.identity, inputs);
    return results.map(({ order, error }) => ({ order: order ? toOrderType(order) : null, error }));
  }
}
