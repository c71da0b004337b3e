import type { RequestContext } from '@nexara/kit';
import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { ProviderOrderEventInput } from './order.inputs';
import { toOrderType } from './order.mapper';
import { ApplyProviderOrderEventPayload, ApplyProviderOrderEventsResult } from './order.types';
import type { ProviderOrderEventService } from './provider-order-event.service';

@Resolver()
export class ProviderOrderEventResolver {
  constructor(private readonly providerEvents: ProviderOrderEventService) {}

  @Directive('@inaccessible')
  @Mutation(() => ApplyProviderOrderEventPayload, {
    description: 'Internal (service identity only): applies a parsed provider event to its order, idempotently.',
  })
  async applyProviderOrderEvent(
    @Ctx() context: RequestContext,
    @Arg('input', () => ProviderOrderEventInput) input: ProviderOrderEventInput,
  ): Promise<ApplyProviderOrderEventPayload> {
    const result = await this.providerEvents.applyProviderOrderEvent(context.identity, input);
    return { outcome: result.outcome, order: result.order ? toOrderType(result.order) : null };
  }

  @Directive('@inaccessible')
  @Mutation(() => [ApplyProviderOrderEventsResult], {
    description:
      'Internal (service identity only): applies many parsed provider events of one tenant in one transaction, each as ' +
      'applyProviderOrderEvent would (idempotently); one that fails is rolled back alone and answered with its error.',
  })
  async applyProviderOrderEvents(
    @Ctx() context: RequestContext,
    @Arg('inputs', () => [ProviderOrderEventInput]) inputs: ProviderOrderEventInput[],
  ): Promise<ApplyProviderOrderEventsResult[]> {
    const results = await this.providerEvents.applyProviderOrderEvents(context.identity, inputs);
    return results.map((result) => ({
      outcome: result.outcome,
      order: result.order ? toOrderType(result.order) : null,
      error: result.error,
    }));
  }
}
