import { PageInfoType } from '@nexara/contracts';
import {
  CATALOG_SYNC_KINDS,
  CATALOG_SYNC_STATUSES,
  ITEM_AVAILABILITY_STATES,
  STORE_STATUSES,
  WEEKDAYS,
  type CatalogSyncKind,
  type CatalogSyncStatus,
  type ItemAvailabilityState,
  type StoreStatusValue,
  type Weekday,
} from '@nexara/contracts';
import { PUBLIC_TAG } from '@nexara/kit';
import { PROVIDERS, type Provider } from '@nexara/providers/display';
import { GraphQLJSON, GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const ProviderEnum = enumOf<Provider>(PROVIDERS);
export const WeekdayEnum = enumOf<Weekday>(WEEKDAYS);
export const ItemAvailabilityStateEnum = enumOf<ItemAvailabilityState>(ITEM_AVAILABILITY_STATES);
export const StoreStatusEnum = enumOf<StoreStatusValue>(STORE_STATUSES);
export const CatalogSyncKindEnum = enumOf<CatalogSyncKind>(CATALOG_SYNC_KINDS);
export const CatalogSyncStatusEnum = enumOf<CatalogSyncStatus>(CATALOG_SYNC_STATUSES);
export const MenuItemTypeEnum = enumOf<'ITEM' | 'BUNDLE'>(['ITEM', 'BUNDLE']);

registerEnumType(ProviderEnum, { name: 'Provider', description: 'A delivery provider Nexara integrates.' });
registerEnumType(WeekdayEnum, { name: 'Weekday' });
registerEnumType(ItemAvailabilityStateEnum, {
  name: 'ItemAvailabilityState',
  description: 'AVAILABLE; SOLD_OUT (86: comes back by itself, at `until` or the next morning); HIDDEN (until undone).',
});
registerEnumType(StoreStatusEnum, { name: 'StoreStatus', description: 'OPEN, CLOSED, or PAUSED until a time.' });
registerEnumType(CatalogSyncKindEnum, { name: 'CatalogSyncKind', description: 'What a sync job pushes.' });
registerEnumType(CatalogSyncStatusEnum, {
  name: 'CatalogSyncStatus',
  description: 'PENDING until the provider confirms (APPLIED) or refuses (FAILED, with its reason).',
});
registerEnumType(MenuItemTypeEnum, { name: 'MenuItemType' });

/** Owned by the integrations subgraph; referenced here by id only. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('ProviderConnection')
export class ConnectionRef {
  @Field(() => ID)
  id: string;
}

@Directive('@shareable')
@Directive(PUBLIC_TAG)
@ObjectType('Money', {
  description: 'An amount of money: integer minor units of an ISO 4217 currency (1.250 KWD is 1250).',
})
export class MoneyType {
  @Field(() => GraphQLSafeInt, { description: 'Integer count of the minor units the currency has under ISO 4217.' })
  amount: number;

  @Field({ description: 'ISO 4217 currency code.' })
  currency: string;
}

@Directive(PUBLIC_TAG)
@ObjectType('LocalizedText', { description: 'A text in English and, when given, Arabic.' })
export class LocalizedTextType {
  @Field()
  en: string;

  @Field(() => String, { nullable: true })
  ar: string | null;
}

@Directive(PUBLIC_TAG)
@ObjectType('SchedulePeriod', { description: 'One period of a week, HH:MM local to the branch; never overnight.' })
export class SchedulePeriodType {
  @Field(() => WeekdayEnum)
  day: Weekday;

  @Field()
  start: string;

  @Field()
  end: string;
}

@Directive(PUBLIC_TAG)
@ObjectType('PriceOverride', {
  description: 'A price for one provider and/or inside one modifier group (context), instead of the base price.',
})
export class PriceOverrideType {
  @Field(() => ProviderEnum, { nullable: true })
  provider: Provider | null;

  @Field(() => ID, { nullable: true, description: 'The modifier group the price applies in.' })
  context: string | null;

  @Field(() => MoneyType)
  price: MoneyType;
}

@Directive(PUBLIC_TAG)
@ObjectType('MenuImage')
export class MenuImageType {
  @Field()
  url: string;

  @Field(() => Int, { nullable: true })
  width: number | null;

  @Field(() => Int, { nullable: true })
  height: number | null;
}

@Directive(PUBLIC_TAG)
@ObjectType('MenuItem', { description: 'An item (or a modifier option, which is an item too) of a menu.' })
export class MenuItemType {
  @Field(() => ID, { description: 'Ours, stable across imports of the same menu (by ref).' })
  id: string;

  @Field({ description: "The importer's reference for the item, unique in its menu." })
  ref: string;

  @Field(() => String, {
    nullable: true,
    description: 'The POS id: Deliveroo plu, Delivery Hero remoteCode, Careem sku, Jahez product_id.',
  })
  externalPosId: string | null;

  @Field(() => MenuItemTypeEnum)
  type: 'ITEM' | 'BUNDLE';

  @Field(() => LocalizedTextType)
  name: LocalizedTextType;

  @Field(() => LocalizedTextType, { nullable: true })
  description: LocalizedTextType | null;

  @Field(() => LocalizedTextType, { nullable: true, description: 'The kitchen name.' })
  operationalName: LocalizedTextType | null;

  @Field(() => MoneyType)
  price: MoneyType;

  @Field(() => [PriceOverrideType])
  priceOverrides: PriceOverrideType[];

  @Field(() => String, { nullable: true, description: 'Decimal percent, e.g. "15".' })
  taxRate: string | null;

  @Field(() => [MenuImageType])
  images: MenuImageType[];

  @Field()
  containsAlcohol: boolean;

  @Field(() => [ID], { description: 'The modifier groups offered with this item, in order.' })
  modifierGroupIds: string[];

  @Field(() => ID)
  menuId: string;
}

@Directive(PUBLIC_TAG)
@ObjectType('ModifierOption')
export class ModifierOptionType {
  @Field(() => ID)
  itemId: string;

  @Field(() => MoneyType, { description: 'Added to the price of the item the group belongs to.' })
  priceDelta: MoneyType;
}

@Directive(PUBLIC_TAG)
@ObjectType('ModifierGroup')
export class ModifierGroupType {
  @Field(() => ID)
  id: string;

  @Field()
  ref: string;

  @Field(() => LocalizedTextType)
  name: LocalizedTextType;

  @Field(() => Int)
  min: number;

  @Field(() => Int)
  max: number;

  @Field()
  repeatable: boolean;

  @Field(() => [ModifierOptionType])
  options: ModifierOptionType[];
}

@Directive(PUBLIC_TAG)
@ObjectType('MenuCategory')
export class MenuCategoryType {
  @Field(() => ID)
  id: string;

  @Field()
  ref: string;

  @Field(() => LocalizedTextType)
  name: LocalizedTextType;

  @Field(() => LocalizedTextType, { nullable: true })
  description: LocalizedTextType | null;

  @Field(() => [ID])
  itemIds: string[];
}

@Directive(PUBLIC_TAG)
@ObjectType('Menu')
export class MenuType {
  @Field(() => ID)
  id: string;

  @Field(() => LocalizedTextType)
  name: LocalizedTextType;

  @Field(() => LocalizedTextType, { nullable: true })
  description: LocalizedTextType | null;

  @Field()
  currency: string;

  @Field(() => [ID], { description: 'The branches this menu is sold at.' })
  branchIds: string[];

  @Field(() => [SchedulePeriodType], { description: 'When the menu is offered (empty: whenever the branch is open).' })
  schedule: SchedulePeriodType[];

  @Field(() => [MenuCategoryType])
  categories: MenuCategoryType[];

  @Field(() => [MenuItemType], { description: 'Every item, options included, in import order.' })
  items: MenuItemType[];

  @Field(() => [ModifierGroupType])
  modifierGroups: ModifierGroupType[];

  @Field(() => Int, { description: 'Counts changes; a publish pushes the menu as it was at this version.' })
  version: number;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

@ObjectType('ItemAvailability', { description: 'One item at one branch.' })
export class ItemAvailabilityType {
  @Field(() => ID)
  branchId: string;

  @Field(() => MenuItemType)
  item: MenuItemType;

  @Field(() => ItemAvailabilityStateEnum)
  state: ItemAvailabilityState;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the item becomes AVAILABLE again.' })
  until: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt: Date | null;
}

@ObjectType('BusyMode')
export class BusyModeType {
  @Field(() => Int)
  prepMinutes: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  until: Date | null;
}

@Directive(PUBLIC_TAG)
@ObjectType('CatalogSyncJob', { description: 'One change pushed to one provider connection.' })
export class CatalogSyncJobType {
  @Field(() => ID)
  id: string;

  @Field(() => CatalogSyncKindEnum)
  kind: CatalogSyncKind;

  @Field(() => CatalogSyncStatusEnum)
  status: CatalogSyncStatus;

  @Field(() => String, { nullable: true, description: "The provider's reason, when FAILED." })
  reason: string | null;

  @Field(() => Int, { description: 'Calls made to the provider so far.' })
  attempts: number;

  @Field(() => ConnectionRef)
  connection: ConnectionRef;

  @Field(() => ProviderEnum)
  provider: Provider;

  @Field(() => ID)
  branchId: string;

  @Field(() => GraphQLJSON, { description: 'What we asked, in the canonical model.' })
  request: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: "The provider's answer, for the log." })
  answer: unknown;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

@ObjectType('ConnectionStoreStatus', { description: 'What we asked of one connection, and what it last confirmed.' })
export class ConnectionStoreStatusType {
  @Field(() => ConnectionRef)
  connection: ConnectionRef;

  @Field(() => CatalogSyncJobType, { nullable: true, description: 'The newest store-status job for it.' })
  requested: CatalogSyncJobType | null;

  @Field(() => CatalogSyncJobType, { nullable: true, description: 'The newest store-status job it APPLIED.' })
  confirmed: CatalogSyncJobType | null;
}

@ObjectType('BranchStoreStatus', { description: "A branch's store status, busy mode and opening hours." })
export class BranchStoreStatusType {
  @Field(() => ID)
  branchId: string;

  @Field(() => StoreStatusEnum)
  status: StoreStatusValue;

  @Field(() => GraphQLISODateTime, { nullable: true })
  until: Date | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => BusyModeType, { nullable: true, description: 'Null: not busy.' })
  busy: BusyModeType | null;

  @Field(() => [SchedulePeriodType], { nullable: true, description: 'Null: never set through Nexara.' })
  openingHours: SchedulePeriodType[] | null;

  @Field(() => [ConnectionStoreStatusType], { description: 'One entry per connection serving the branch.' })
  connections: ConnectionStoreStatusType[];

  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt: Date | null;
}

@Directive(PUBLIC_TAG)
@ObjectType('CatalogSyncJobEdge')
export class CatalogSyncJobEdgeType {
  @Field()
  cursor: string;

  @Field(() => CatalogSyncJobType)
  node: CatalogSyncJobType;
}

@Directive(PUBLIC_TAG)
@ObjectType('CatalogSyncJobConnection')
export class CatalogSyncJobConnectionType {
  @Field(() => [CatalogSyncJobEdgeType])
  edges: CatalogSyncJobEdgeType[];

  @Field(() => PageInfoType)
  pageInfo: PageInfoType;
}
