import type { RequestContext } from '@nexara/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ConnectionService, ConnectionView, ConnectProviderResult } from './connection.service';
import { BranchRef, ConnectProviderInput, ConnectProviderPayload, ProviderConnection, TenantRef } from './connection.types';

@Resolver(() => ProviderConnection)
export class ConnectionResolver {
  constructor(private readonly service: ConnectionService) {}

  @Query(() => [ProviderConnection], { description: "The acting tenant's provider connections." })
  connections(@Ctx() context: RequestContext): Promise<ConnectionView[]> {
    return this.service.listConnections(context.identity);
  }

  @Query(() => ProviderConnection, { nullable: true })
  connection(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ConnectionView | null> {
    return this.service.findConnection(context.identity, id);
  }

  @Mutation(() => ConnectProviderPayload, {
    description: 'Connects a provider store (tenant admins). The payload carries the secret once; it cannot be read again.',
  })
  connectProvider(
    @Arg('input', () => ConnectProviderInput) input: ConnectProviderInput,
    @Ctx() context: RequestContext,
  ): Promise<ConnectProviderResult> {
    return this.service.connectProvider(context.identity, input);
  }

  @FieldResolver(() => BranchRef)
  branch(@Root() connection: ConnectionView): BranchRef {
    return { id: connection.branchId };
  }

  @FieldResolver(() => TenantRef)
  tenant(@Root() connection: ConnectionView): TenantRef {
    return { id: connection.tenantId };
  }
}
