import { PUBLIC_TAG } from '@nexara/kit';
import type { RequestContext } from '@nexara/kit';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type {
  ConnectionService,
  ConnectionView,
  ConnectProviderResult,
  RotateConnectionSecretResult,
} from './connection.service';
import {
  BranchRef,
  ConnectProviderInput,
  ConnectProviderPayload,
  ProviderConnection,
  RotateConnectionSecretArgs,
  RotateConnectionSecretPayload,
  TenantRef,
  UpdateConnectionInput,
} from './connection.types';

@Resolver(() => ProviderConnection)
export class ConnectionResolver {
  constructor(private readonly service: ConnectionService) {}

  @Directive(PUBLIC_TAG)
  @Query(() => [ProviderConnection], {
    description: "The acting tenant's provider connections; archived ones only with `includeArchived`.",
  })
  connections(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Ctx() context: RequestContext,
  ): Promise<ConnectionView[]> {
    return this.service.listConnections(context.identity, { includeArchived });
  }

  @Directive(PUBLIC_TAG)
  @Query(() => ProviderConnection, { nullable: true })
  connection(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ConnectionView | null> {
    return this.service.findConnection(context.identity, id);
  }

  @Mutation(() => ConnectProviderPayload, {
    description:
      'Connects a provider store (tenant admins). The payload carries the secret once; it cannot be read again.',
  })
  connectProvider(
    @Arg('input', () => ConnectProviderInput) input: ConnectProviderInput,
    @Ctx() context: RequestContext,
  ): Promise<ConnectProviderResult> {
    return this.service.connectProvider(context.identity, input);
  }

  @Mutation(() => RotateConnectionSecretPayload, {
    description:
      'Replaces the connection secret (tenant admins): with `secret` when the provider issued one, else a generated one, returned once. ' +
      'The previous secret keeps verifying for the grace period (24 h by default).',
  })
  rotateConnectionSecret(
    @Args(() => RotateConnectionSecretArgs) args: RotateConnectionSecretArgs,
    @Ctx() context: RequestContext,
  ): Promise<RotateConnectionSecretResult> {
    return this.service.rotateConnectionSecret(context.identity, args.id, args.secret);
  }

  @Mutation(() => ProviderConnection, {
    description:
      'Stops accepting the connection webhooks (tenant admins, managers). Pausing a paused connection changes nothing.',
  })
  pauseConnection(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ConnectionView> {
    return this.service.pauseConnection(context.identity, id);
  }

  @Mutation(() => ProviderConnection, {
    description:
      'Accepts the connection webhooks again (tenant admins, managers). Resuming an active connection changes nothing.',
  })
  resumeConnection(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ConnectionView> {
    return this.service.resumeConnection(context.identity, id);
  }

  @Mutation(() => ProviderConnection, {
    description:
      'Archives a connection (tenant admins): hidden from `connections`, its webhooks refused (409 CONNECTION_ARCHIVED), ' +
      'its orders and webhook events kept. Archiving an archived connection changes nothing.',
  })
  archiveConnection(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ConnectionView> {
    return this.service.setArchived(context.identity, id, true);
  }

  @Mutation(() => ProviderConnection, {
    description: 'Brings an archived connection back (tenant admins), in the status it had when archived.',
  })
  unarchiveConnection(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ConnectionView> {
    return this.service.setArchived(context.identity, id, false);
  }

  @Mutation(() => ProviderConnection, {
    description: 'Changes the name, auto-accept or callback URL of a connection (tenant admins).',
  })
  updateConnection(
    @Arg('input', () => UpdateConnectionInput) input: UpdateConnectionInput,
    @Ctx() context: RequestContext,
  ): Promise<ConnectionView> {
    return this.service.updateConnection(context.identity, input);
  }

  @FieldResolver(() => BranchRef)
  branch(@Root() connection: ConnectionView): BranchRef {
    return { id: connection.branchId };
  }

  @FieldResolver(() => TenantRef)
  tenant(@Root() connection: ConnectionView): TenantRef {
    return { id: connection.tenantId };
  }

  @FieldResolver(() => Int, {
    description: 'Webhooks rejected for this connection in the last hour (bad signature, stale timestamp...).',
  })
  securityEventsLastHour(@Root() connection: ConnectionView, @Ctx() context: RequestContext): Promise<number> {
    return this.service.securityEventsLastHour(context.identity, connection);
  }
}
