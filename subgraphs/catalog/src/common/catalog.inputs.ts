import type {
  CatalogSyncKind,
  CatalogSyncStatus,
  ItemAvailabilityState,
  StoreStatusValue,
  Weekday,
} from '@nexara/contracts';
import type { Provider } from '@nexara/providers/display';
import { GraphQLJSON } from 'graphql-scalars';
import { ArgsType, Directive, Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import {
  CatalogSyncKindEnum,
  CatalogSyncStatusEnum,
  ItemAvailabilityStateEnum,
  MenuItemTypeEnum,
  ProviderEnum,
  StoreStatusEnum,
  WeekdayEnum,
} from './catalog.types';

@InputType('LocalizedTextInput')
export class LocalizedTextInput {
  @Field()
  en: string;

  @Field(() => String, { nullable: true })
  ar?: string | null;
}

@InputType('SchedulePeriodInput', {
  description: 'HH:MM local to the branch. An end before the start runs overnight (it is split at 23:59).',
})
export class SchedulePeriodInput {
  @Field(() => WeekdayEnum)
  day: Weekday;

  @Field()
  start: string;

  @Field()
  end: string;
}

@InputType('PriceOverrideInput')
export class PriceOverrideInput {
  @Field(() => ProviderEnum, { nullable: true })
  provider?: Provider | null;

  @Field(() => String, { nullable: true, description: 'The ref of the modifier group the price applies in.' })
  context?: string | null;

  @Field({ description: 'Decimal amount in the menu currency, e.g. "12.50"; no more decimals than it has.' })
  price: string;
}

@InputType('MenuImageInput')
export class MenuImageInput {
  @Field({ description: 'A public https:// URL.' })
  url: string;

  @Field(() => Int, { nullable: true })
  width?: number | null;

  @Field(() => Int, { nullable: true })
  height?: number | null;
}

@InputType('MenuItemInput')
export class MenuItemInput {
  @Field({ description: 'Your reference for the item, unique in the menu; categories and groups name items by it.' })
  ref: string;

  @Field(() => String, { nullable: true })
  externalPosId?: string | null;

  @Field(() => MenuItemTypeEnum, { nullable: true, description: 'Default ITEM.' })
  type?: 'ITEM' | 'BUNDLE' | null;

  @Field(() => LocalizedTextInput)
  name: LocalizedTextInput;

  @Field(() => LocalizedTextInput, { nullable: true })
  description?: LocalizedTextInput | null;

  @Field(() => LocalizedTextInput, { nullable: true })
  operationalName?: LocalizedTextInput | null;

  @Field({ description: 'Decimal amount in the menu currency, e.g. "12.50" (SAR) or "1.250" (KWD); 0 or more.' })
  price: string;

  @Field(() => [PriceOverrideInput], { nullable: true })
  priceOverrides?: PriceOverrideInput[] | null;

  @Field(() => String, { nullable: true, description: 'Decimal percent, e.g. "15".' })
  taxRate?: string | null;

  @Field(() => [MenuImageInput], { nullable: true })
  images?: MenuImageInput[] | null;

  @Field(() => Boolean, { nullable: true })
  containsAlcohol?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'Refs of the modifier groups offered with the item.' })
  modifierGroupRefs?: string[] | null;
}

@InputType('MenuCategoryInput')
export class MenuCategoryInput {
  @Field()
  ref: string;

  @Field(() => LocalizedTextInput)
  name: LocalizedTextInput;

  @Field(() => LocalizedTextInput, { nullable: true })
  description?: LocalizedTextInput | null;

  @Field(() => [String], { description: 'Refs of the items, in order.' })
  itemRefs: string[];
}

@InputType('ModifierOptionInput')
export class ModifierOptionInput {
  @Field({ description: 'Ref of the item that is the option.' })
  itemRef: string;

  @Field(() => String, { nullable: true, description: 'Decimal amount added to the price (may be negative).' })
  priceDelta?: string | null;
}

@InputType('ModifierGroupInput')
export class ModifierGroupInput {
  @Field()
  ref: string;

  @Field(() => LocalizedTextInput)
  name: LocalizedTextInput;

  @Field(() => Int)
  min: number;

  @Field(() => Int)
  max: number;

  @Field(() => Boolean, { nullable: true })
  repeatable?: boolean | null;

  @Field(() => [ModifierOptionInput])
  options: ModifierOptionInput[];
}

@InputType('ImportMenuInput', { description: 'A whole menu. Validated as a whole: one problem and nothing is stored.' })
export class ImportMenuInput {
  @Field(() => ID, { nullable: true, description: 'Replace this menu (items keep their ids by ref); null: a new one.' })
  id?: string | null;

  @Field(() => [ID])
  branchIds: string[];

  @Field(() => LocalizedTextInput)
  name: LocalizedTextInput;

  @Field(() => LocalizedTextInput, { nullable: true })
  description?: LocalizedTextInput | null;

  @Field({ description: 'ISO 4217 code of every price in the menu.' })
  currency: string;

  @Field(() => [SchedulePeriodInput], { nullable: true })
  schedule?: SchedulePeriodInput[] | null;

  @Field(() => [MenuCategoryInput])
  categories: MenuCategoryInput[];

  @Field(() => [MenuItemInput])
  items: MenuItemInput[];

  @Field(() => [ModifierGroupInput], { nullable: true })
  modifierGroups?: ModifierGroupInput[] | null;
}

@InputType('UpdateMenuItemInput', { description: 'Changes one item; fields left out stay as they are.' })
export class UpdateMenuItemInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  externalPosId?: string | null;

  @Field(() => LocalizedTextInput, { nullable: true })
  name?: LocalizedTextInput | null;

  @Field(() => LocalizedTextInput, { nullable: true })
  description?: LocalizedTextInput | null;

  @Field(() => String, { nullable: true })
  price?: string | null;

  @Field(() => [PriceOverrideInput], { nullable: true })
  priceOverrides?: PriceOverrideInput[] | null;

  @Field(() => String, { nullable: true })
  taxRate?: string | null;

  @Field(() => [MenuImageInput], { nullable: true })
  images?: MenuImageInput[] | null;

  @Field(() => Boolean, { nullable: true })
  containsAlcohol?: boolean | null;
}

@InputType('SetItemAvailabilityInput')
export class SetItemAvailabilityInput {
  @Field(() => ID)
  branchId: string;

  @Field(() => [ID])
  itemIds: string[];

  @Field(() => ItemAvailabilityStateEnum)
  state: ItemAvailabilityState;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'SOLD_OUT or HIDDEN until then (in the future); Nexara makes the items AVAILABLE again.',
  })
  until?: Date | null;
}

@InputType('SetStoreStatusInput')
export class SetStoreStatusInput {
  @Field(() => ID)
  branchId: string;

  @Field(() => StoreStatusEnum)
  status: StoreStatusValue;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'PAUSED (required) or CLOSED until then, in the future; Nexara reopens at that time.',
  })
  until?: Date | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType('SetBusyModeInput')
export class SetBusyModeInput {
  @Field(() => ID)
  branchId: string;

  @Field(() => Int, { nullable: true, description: 'Preparation minutes while busy (1-180); null ends busy mode.' })
  prepMinutes?: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  until?: Date | null;
}

@InputType('SetOpeningHoursInput')
export class SetOpeningHoursInput {
  @Field(() => ID)
  branchId: string;

  @Field(() => [SchedulePeriodInput], { description: 'The whole week; replaces what was set.' })
  periods: SchedulePeriodInput[];
}

@InputType('CatalogSyncJobFilter')
export class CatalogSyncJobFilter {
  @Field(() => ID, { nullable: true })
  branchId?: string | null;

  @Field(() => ID, { nullable: true })
  connectionId?: string | null;

  @Field(() => [CatalogSyncKindEnum], { nullable: true })
  kind?: CatalogSyncKind[] | null;

  @Field(() => [CatalogSyncStatusEnum], { nullable: true })
  status?: CatalogSyncStatus[] | null;
}

@ArgsType()
export class CatalogSyncJobsArgs {
  @Field(() => CatalogSyncJobFilter, { nullable: true })
  filter?: CatalogSyncJobFilter | null;

  @Field(() => Int, { defaultValue: 50, description: '1-200.' })
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@ArgsType()
export class PublishMenuArgs {
  @Field(() => ID)
  menuId: string;

  @Field(() => [ID], { nullable: true, description: "Null: every connection of the menu's branches." })
  connectionIds?: string[] | null;
}

@Directive('@inaccessible')
@InputType('RecordCatalogSyncOutcomeInput', {
  description: 'What the integrations worker learnt of one sync job from the provider (internal).',
})
export class RecordCatalogSyncOutcomeInput {
  @Field(() => ID)
  jobId!: string;

  @Field(() => CatalogSyncStatusEnum, { description: 'PENDING while it is retried or the provider answers later.' })
  status!: CatalogSyncStatus;

  @Field(() => String, { nullable: true, description: "The provider's reason (FAILED), or why it waits." })
  reason?: string | null;

  @Field(() => Int, { description: 'Calls made to the provider so far.' })
  attempts!: number;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The calls sent and what the provider answered.' })
  answer?: unknown;
}
