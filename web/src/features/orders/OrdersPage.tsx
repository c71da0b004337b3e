import { useCallback, useMemo, useState } from 'react';
import { useWorkspace } from '../../common/workspace';
import { EMPTY_ORDER_FILTER, toOrderFilterInput, type OrderFilterState } from './order-filter';
import { OrderDrawer } from './OrderDrawer';
import { OrderFilters } from './OrderFilters';
import { OrdersGrid } from './OrdersGrid';
import { useTranslation } from '../../i18n/translate';

export function OrdersPage() {
  const { tenant } = useWorkspace();
  const { t } = useTranslation('orders');
  const [filterState, setFilterState] = useState<OrderFilterState>(EMPTY_ORDER_FILTER);
  const [openOrderId, setOpenOrderId] = useState<string | null>(null);
  const filter = useMemo(() => toOrderFilterInput(filterState, tenant.timeZone), [filterState, tenant.timeZone]);
  const close = useCallback(() => setOpenOrderId(null), []);
  return (
    <div className="page orders-page">
      <h1>{t('title')}</h1>
      <OrderFilters value={filterState} onChange={setFilterState} timeZone={tenant.timeZone} />
      <OrdersGrid filter={filter} timeZone={tenant.timeZone} onOpen={setOpenOrderId} />
      {openOrderId && <OrderDrawer orderId={openOrderId} onClose={close} />}
    </div>
  );
}
