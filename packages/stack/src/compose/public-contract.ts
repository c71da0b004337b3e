import { composeServices } from '@apollo/composition';
import {
  Kind,
  printSchema,
  specifiedScalarTypes,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type TypeNode,
  isTypeDefinitionNode,
  isTypeExtensionNode,
} from 'graphql';

/** The tag that puts a schema element into the partner API. */
export const PUBLIC_TAG = 'public';

export type SubgraphDefinition = { name: string; url: string; typeDefs: DocumentNode };

export type PublicContract =
  | { empty: false; supergraphSdl: string; apiSchemaSdl: string; publicCoordinates: string[] }
  | { empty: true; supergraphSdl: null; apiSchemaSdl: null; publicCoordinates: [] };

type FieldInfo = { type: string; args: string[] };
type TypeInfo = {
  kind: 'object' | 'interface' | 'input' | 'enum' | 'union' | 'scalar';
  fields: Map<string, FieldInfo>;
  interfaces: Set<string>;
  members: Set<string>;
};

const BUILT_IN_SCALARS = new Set(specifiedScalarTypes.map((scalar) => scalar.name));

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function hasTag(directives: readonly DirectiveNode[] | undefined, tag: string): boolean {
  return (directives ?? []).some(
    (directive) =>
      directive.name.value === 'tag' &&
      directive.arguments?.some(
        (a) => a.name.value === 'name' && a.value.kind === Kind.STRING && a.value.value === tag,
      ),
  );
}

function kindOf(definition: DefinitionNode): TypeInfo['kind'] | null {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
      return 'object';
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
      return 'interface';
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
      return 'input';
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
      return 'enum';
    case Kind.UNION_TYPE_DEFINITION:
    case Kind.UNION_TYPE_EXTENSION:
      return 'union';
    case Kind.SCALAR_TYPE_DEFINITION:
    case Kind.SCALAR_TYPE_EXTENSION:
      return 'scalar';
    default:
      return null;
  }
}

function rootTypeNames(subgraphs: readonly SubgraphDefinition[]): Set<string> {
  const roots = new Set(['Query', 'Mutation', 'Subscription']);
  for (const { typeDefs } of subgraphs) {
    for (const definition of typeDefs.definitions) {
      if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) {
        for (const operation of definition.operationTypes ?? []) roots.add(operation.type.name.value);
      }
    }
  }
  return roots;
}

/**
 * Which elements the partner API shows, by schema coordinate (`Type`,
 * `Type.field`), across all subgraphs (a tag in any subgraph counts):
 *
 * - a field of an object or interface type is public when it is tagged, or
 *   its type is (tagging `Money` publishes `amount` and `currency`); a field
 *   of a root type only when it is tagged itself;
 * - arguments, input object fields and enum values follow their field or
 *   type: a partner can always pass what a public field accepts and read
 *   every value of a public enum;
 * - a type is public when it is tagged, has a public field, or a public
 *   field, argument or input field uses it (so the scalars, enums and
 *   inputs a public field needs come along without tags of their own);
 * - an object type that implements a public interface field publishes that
 *   field too.
 *
 * Everything else is made @inaccessible. A public field whose type has no
 * public field (say `Order.tenant` without any tagged `Tenant` field) fails
 * composition, which is the point: the contract must be complete.
 * `assumePublic` adds coordinates as if tagged (tests, before tags land).
 */
export function publicCoordinates(
  subgraphs: readonly SubgraphDefinition[],
  options: { tag?: string; assumePublic?: readonly string[] } = {},
): { types: Set<string>; fields: Set<string> } {
  const tag = options.tag ?? PUBLIC_TAG;
  const roots = rootTypeNames(subgraphs);
  const types = new Map<string, TypeInfo>();
  const tagged = new Set<string>(options.assumePublic ?? []);

  for (const { typeDefs } of subgraphs) {
    for (const definition of typeDefs.definitions) {
      const kind = kindOf(definition);
      if (!kind || !('name' in definition) || !definition.name) continue;
      const typeName = definition.name.value;
      const info = types.get(typeName) ?? { kind, fields: new Map(), interfaces: new Set(), members: new Set() };
      types.set(typeName, info);
      if ('directives' in definition && hasTag(definition.directives, tag)) tagged.add(typeName);
      if ('interfaces' in definition) for (const i of definition.interfaces ?? []) info.interfaces.add(i.name.value);
      if ('types' in definition) for (const member of definition.types ?? []) info.members.add(member.name.value);
      if ('fields' in definition) {
        for (const field of definition.fields ?? []) {
          const args = 'arguments' in field ? (field.arguments ?? []).map((a) => namedType(a.type)) : [];
          const known = info.fields.get(field.name.value);
          info.fields.set(field.name.value, { type: namedType(field.type), args: [...(known?.args ?? []), ...args] });
          if (hasTag(field.directives, tag)) tagged.add(`${typeName}.${field.name.value}`);
        }
      }
      if ('values' in definition)
        for (const value of definition.values ?? []) if (hasTag(value.directives, tag)) tagged.add(typeName);
    }
  }

  const publicTypes = new Set<string>();
  const publicFields = new Set<string>();
  const addType = (name: string): boolean => {
    if (BUILT_IN_SCALARS.has(name) || publicTypes.has(name) || !types.has(name)) return false;
    publicTypes.add(name);
    return true;
  };
  const addField = (coordinate: string): boolean => {
    if (publicFields.has(coordinate)) return false;
    publicFields.add(coordinate);
    return true;
  };

  for (const coordinate of tagged) {
    const [typeName, fieldName] = coordinate.split('.');
    if (!typeName || !types.has(typeName)) continue;
    if (fieldName) {
      if (types.get(typeName)!.fields.has(fieldName)) addField(coordinate);
    } else if (!roots.has(typeName)) addType(typeName);
  }

  // Grow to a fixpoint: each rule can only add, so this ends.
  for (let changed = true; changed;) {
    changed = false;
    for (const [typeName, info] of types) {
      const typePublic = publicTypes.has(typeName);
      for (const [fieldName, field] of info.fields) {
        const coordinate = `${typeName}.${fieldName}`;
        const inherited =
          (typePublic && (info.kind === 'input' || tagged.has(typeName))) ||
          (typePublic && [...info.interfaces].some((i) => publicFields.has(`${i}.${fieldName}`)));
        if (inherited && !roots.has(typeName)) changed = addField(coordinate) || changed;
        if (!publicFields.has(coordinate)) continue;
        if (!roots.has(typeName)) changed = addType(typeName) || changed;
        changed = addType(field.type) || changed;
        for (const argumentType of field.args) changed = addType(argumentType) || changed;
      }
      if (typePublic && info.kind === 'union') for (const member of info.members) changed = addType(member) || changed;
    }
  }
  return { types: publicTypes, fields: publicFields };
}

const INACCESSIBLE: ConstDirectiveNode = { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'inaccessible' } };

function withInaccessible<T extends { directives?: readonly ConstDirectiveNode[] }>(node: T): T {
  if ((node.directives ?? []).some((d) => d.name.value === 'inaccessible')) return node;
  return { ...node, directives: [...(node.directives ?? []), INACCESSIBLE] };
}

/**
 * The subgraphs as the contract composes them: every type and field that is
 * not public (see `publicCoordinates`) carries @inaccessible: a root type
 * only when none of its fields is public, otherwise its non-public fields.
 */
export function contractSubgraphs(
  subgraphs: readonly SubgraphDefinition[],
  visible: { types: ReadonlySet<string>; fields: ReadonlySet<string> },
): SubgraphDefinition[] {
  const roots = rootTypeNames(subgraphs);
  // A root type with no public field at all (say Subscription) leaves the API schema entirely.
  const hiddenRoots = new Set(
    [...roots].filter((root) => ![...visible.fields].some((coordinate) => coordinate.startsWith(`${root}.`))),
  );
  const transform = (definition: DefinitionNode): DefinitionNode => {
    if (!isTypeDefinitionNode(definition) && !isTypeExtensionNode(definition)) return definition;
    const typeName = definition.name.value;
    if (hiddenRoots.has(typeName) || (!roots.has(typeName) && !visible.types.has(typeName)))
      return withInaccessible(definition);
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_EXTENSION
    ) {
      const fields = definition.fields?.map((field) =>
        visible.fields.has(`${typeName}.${field.name.value}`) ? field : withInaccessible(field),
      );
      return { ...definition, fields };
    }
    return definition;
  };
  return subgraphs.map((subgraph) => ({
    ...subgraph,
    typeDefs: { ...subgraph.typeDefs, definitions: subgraph.typeDefs.definitions.map(transform) },
  }));
}

/**
 * Composes the public contract: the subgraphs with every non-public element
 * @inaccessible, so the supergraph plans against everything while the API
 * schema (what partners can query and introspect) holds only the public
 * part. Empty while nothing is tagged public. Throws on a composition error.
 */
export function composePublicContract(
  subgraphs: readonly SubgraphDefinition[],
  options: { tag?: string; assumePublic?: readonly string[] } = {},
): PublicContract {
  const visible = publicCoordinates(subgraphs, options);
  const roots = rootTypeNames(subgraphs);
  if (![...visible.fields].some((coordinate) => roots.has(coordinate.split('.')[0]!))) {
    return { empty: true, supergraphSdl: null, apiSchemaSdl: null, publicCoordinates: [] };
  }
  const result = composeServices(contractSubgraphs(subgraphs, visible));
  if (result.errors) {
    throw new Error(
      `The public contract does not compose:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
  const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
  return {
    empty: false,
    supergraphSdl: result.supergraphSdl,
    apiSchemaSdl: printSchema(apiSchema),
    publicCoordinates: [...visible.types, ...visible.fields].sort(),
  };
}
