/** The top bar's attention controls, English and Arabic (docs/dashboard.md, "Language"). */
export const en = {
  waiting_one: '{{n}} new order waiting',
  waiting_other: '{{n}} new orders waiting',
  notifyMe: 'Notify me',
  notifyMeTitle: 'A browser notification for each new order',
  on: 'Notifications on',
  onTitle: 'Each new order shows a browser notification; click it to open the order',
  blocked: 'Notifications blocked',
  blockedTitle: 'The browser blocks notifications for this site: allow them in its site settings',
};

export const ar: typeof en = {
  waiting_one: 'طلب جديد واحد بالانتظار',
  waiting_other: '{{n}} طلبات جديدة بالانتظار',
  notifyMe: 'نبّهني',
  notifyMeTitle: 'إشعار من المتصفح لكل طلب جديد',
  on: 'الإشعارات مفعّلة',
  onTitle: 'يظهر إشعار من المتصفح لكل طلب جديد؛ انقره لفتح الطلب',
  blocked: 'الإشعارات محظورة',
  blockedTitle: 'يحظر المتصفح الإشعارات لهذا الموقع: اسمح بها من إعدادات الموقع',
};
