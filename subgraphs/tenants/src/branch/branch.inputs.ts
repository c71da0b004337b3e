import { Field, InputType } from 'type-graphql';

@InputType('CreateBranchInput')
export class CreateBranchInput {
  @Field()
  name: string;

  @Field({ nullable: true, description: "IANA time zone; defaults to the tenant's." })
  timeZone?: string;

  @Field(() => String, { nullable: true })
  address?: string | null;
}
