import 'reflect-metadata';
import {
  canonicalCustomerSchema,
  canonicalDeliverySchema,
  canonicalItemSchema,
  canonicalModifierSchema,
  canonicalOrderSchema,
  canonicalPaymentSchema,
  menuWarningSchema,
  providerOrderEventSchema,
} from '@nexara/providers';
import { parse, type InputObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import type { z } from 'zod';
import { ordersSdl } from '../schema';

/**
 * The input classes in order.inputs.ts are what GraphQL needs; the canonical
 * order's one declaration is packages/providers/src/canonical-order.ts. This
 * keeps the two from drifting apart: the same fields, and a field may be null
 * in GraphQL exactly when the schema takes null for it.
 */
const CANONICAL_SCHEMA_OF: Record<string, z.ZodObject> = {
  ProviderOrderEventInput: providerOrderEventSchema.in,
  ProviderOrderInput: canonicalOrderSchema,
  OrderItemInput: canonicalItemSchema,
  OrderItemModifierInput: canonicalModifierSchema,
  CustomerInput: canonicalCustomerSchema,
  DeliveryInput: canonicalDeliverySchema,
  PaymentInput: canonicalPaymentSchema,
  MenuWarningInput: menuWarningSchema,
};

function namedType(type: TypeNode): string {
  return type.kind === 'NamedType' ? type.name.value : namedType(type.type);
}

describe('provider order inputs', () => {
  let inputs: Map<string, InputObjectTypeDefinitionNode>;

  beforeAll(async () => {
    const definitions = parse(await ordersSdl()).definitions;
    inputs = new Map(
      definitions
        .filter((node): node is InputObjectTypeDefinitionNode => node.kind === 'InputObjectTypeDefinition')
        .map((node) => [node.name.value, node]),
    );
  });

  it.each(Object.entries(CANONICAL_SCHEMA_OF))(
    '%s has the canonical schema fields, nullable exactly where the schema takes null',
    (name, schema) => {
      const fields = inputs.get(name)?.fields ?? [];
      const graphql = Object.fromEntries(fields.map((field) => [field.name.value, field.type.kind !== 'NonNullType']));
      const canonical = Object.fromEntries(
        Object.entries(schema.shape).map(([field, fieldSchema]) => [field, fieldSchema.safeParse(null).success]),
      );
      expect(graphql).toEqual(canonical);
    },
  );

  it('leaves no input object of the provider event unchecked', () => {
    const reachable = new Set<string>();
    const visit = (name: string): void => {
      const definition = inputs.get(name);
      if (!definition || reachable.has(name)) return;
      reachable.add(name);
      definition.fields?.forEach((field) => visit(namedType(field.type)));
    };
    visit('ProviderOrderEventInput');
    expect([...reachable].sort()).toEqual(Object.keys(CANONICAL_SCHEMA_OF).sort());
  });
});
