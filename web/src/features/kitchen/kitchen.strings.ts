import { statusLabel } from '../../ui/StatusBadge';
import type { KitchenColumn } from './kitchen-board';

/**
 * Every word the kitchen display shows, in one place, so moving them into
 * the dashboard's translations is a mechanical change.
 */
export const KITCHEN_TEXT = {
  title: 'Kitchen display',
  columns: {
    NEW: 'New',
    ACCEPTED: 'Accepted',
    PREPARING: 'Preparing',
    READY: 'Ready',
  } satisfies Record<KitchenColumn, string>,
  emptyColumn: 'Nothing here',
  live: { connecting: 'Connecting…', live: 'Live', reconnecting: 'Offline: reconnecting…' },
  loading: 'Reading the open orders…',
  readFailed: (message: string) => `Could not read the open orders (${message}). Trying again…`,
  notShown: (count: number) => `${count} more open orders are not shown: this screen reads the oldest ones first.`,
  exit: 'Exit',
  fullScreen: 'Full screen',
  leaveFullScreen: 'Leave full screen',
  recall: 'Recall',
  recallTitle: 'Tickets that left the board',
  recallEmpty: 'No ticket has left the board yet.',
  close: 'Close',
  autoPrint: 'Auto-print',
  autoPrintHint: 'Print each accepted order once on this device',
  autoPrintElsewhere: 'Another tab of this device prints',
  print: 'Print',
  pickUp: 'Pick-up',
  delivery: 'Delivery',
  cancelled: 'Cancelled: tap to clear',
  clearCancelled: (code: string) => `Clear cancelled order ${code}`,
  acceptIn: 'Accept, ready in',
  minutes: (minutes: number) => `${minutes} min`,
  acceptLabel: (code: string, minutes: number) => `Accept order ${code}, ready in ${minutes} minutes`,
  bumpLabel: (code: string, to: string) => `Order ${code}: mark ${statusLabel(to).toLowerCase()}`,
  readyBy: (time: string) => `ready by ${time}`,
  acceptWithin: (time: string) => `accept by ${time}`,
  moving: (code: string, to: string) => `#${code} → ${statusLabel(to)}`,
  undo: 'Undo',
  undoLabel: (code: string) => `Undo the last change of order ${code}`,
  dismiss: 'Dismiss',
  movedOn: (code: string, status: string | null) =>
    status
      ? `Order #${code} had already moved on (now ${statusLabel(status)}): nothing was changed.`
      : `Order #${code} had already left the board: nothing was changed.`,
  bumpFailed: (code: string, to: string, message: string) =>
    `Could not mark order #${code} ${statusLabel(to).toLowerCase()}: ${message}`,
  leftAt: (status: string) => statusLabel(status),
};
