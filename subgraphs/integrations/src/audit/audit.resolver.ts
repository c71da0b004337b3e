import type { RequestContext } from '@nexara/kit';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { AuditLogPage, AuditService } from './audit.service';
import { AuditLogArgs, AuditLogConnectionType } from './audit.types';

@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditLogConnectionType, {
    description: "The acting tenant's integrations audit trail, newest first: admin actions and security events.",
  })
  auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() context: RequestContext): Promise<AuditLogPage> {
    return this.audit.listAuditLog(context.identity, { first: args.first, after: args.after });
  }
}
