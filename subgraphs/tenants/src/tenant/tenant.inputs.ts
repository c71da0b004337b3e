import { Field, InputType } from 'type-graphql';

@InputType('CreateTenantInput')
export class CreateTenantInput {
  @Field({ description: 'Lowercase letters, digits and hyphens, e.g. "demo-bistro"; unique across Nexara.' })
  slug: string;

  @Field()
  name: string;

  @Field({ description: 'ISO 4217 code, e.g. "AED".' })
  currency: string;

  @Field({ description: 'IANA time zone, e.g. "Asia/Dubai"; also the first branch\'s.' })
  timeZone: string;

  @Field()
  ownerEmail: string;

  @Field()
  ownerName: string;

  @Field({ description: 'At least 10 characters.' })
  ownerPassword: string;

  @Field()
  branchName: string;
}

@InputType('BootstrapPlatformInput')
export class BootstrapPlatformInput {
  @Field()
  adminEmail: string;

  @Field()
  adminName: string;

  @Field({ description: 'At least 10 characters; ignored when the admin already exists.' })
  adminPassword: string;
}
