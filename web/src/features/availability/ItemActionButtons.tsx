import { useTranslation } from '../../i18n/translate';
import { ITEM_ACTIONS, type ItemAction } from './availability-change';

/** One button per availability action, for the items selected. */
export function ItemActionButtons({
  disabled,
  onAction,
}: {
  disabled: boolean;
  onAction: (action: ItemAction) => void;
}) {
  const { t } = useTranslation('availability');
  return (
    <div className="button-row">
      {ITEM_ACTIONS.map((action) => (
        <button
          key={action}
          type="button"
          className={action === 'SOLD_OUT' ? 'danger' : undefined}
          disabled={disabled}
          onClick={() => onAction(action)}
        >
          {t(`action.${action}`)}
        </button>
      ))}
    </div>
  );
}
