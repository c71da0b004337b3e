import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Relay-style page information. Shared with the orders subgraph, which declares
 * exactly the same fields: any list in this subgraph that pages uses this class.
 */
@Directive('@shareable')
@ObjectType('PageInfo')
export class PageInfoType {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}
