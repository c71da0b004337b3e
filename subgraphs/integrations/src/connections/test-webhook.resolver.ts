import type { RequestContext } from '@nexara/kit';
import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { SendTestWebhookArgs, TestWebhookResult } from './connection.types';
import type { TestWebhookOutcome, TestWebhookService } from './test-webhook.service';

@Resolver()
export class TestWebhookResolver {
  constructor(private readonly service: TestWebhookService) {}

  @Mutation(() => TestWebhookResult, {
    description:
      "Sends a realistic sample webhook, signed with the connection's current secret, through the real webhook URL (tenant admins, managers).",
  })
  sendTestWebhook(
    @Args(() => SendTestWebhookArgs) args: SendTestWebhookArgs,
    @Ctx() context: RequestContext,
  ): Promise<TestWebhookOutcome> {
    return this.service.sendTestWebhook(context.identity, args.connectionId, args.kind);
  }
}
