/**
 * The shell's words (navigation, header, sign-in, language), English and
 * Arabic, as i18next resources (`{{name}}` placeholders). See
 * docs/dashboard.md, "Language".
 */
export const en = {
  nav: {
    main: 'Main',
    '/': 'Overview',
    '/orders': 'Orders',
    '/integrations': 'Integrations',
    '/webhooks': 'Webhook events',
    '/alerts': 'Alerts',
    '/settings': 'Settings',
    '/kitchen': 'Kitchen display',
  },
  skipToContent: 'Skip to content',
  timeZoneHint: 'Times are shown in this time zone',
  live: { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' },
  signOut: 'Sign out',
  openingPage: 'Opening the page…',
  openingWorkspace: 'Opening your workspace…',
  actingTenant: 'Acting tenant',
  language: {
    label: 'Language',
    switchTo: 'العربية',
    switchToLabel: 'Show the dashboard in Arabic',
    en: 'English',
    ar: 'العربية (Arabic)',
    arabicDigits: 'Arabic-Indic digits (٠١٢٣) in Arabic',
    saved: 'Kept for your next sign-in on any device.',
  },
  signIn: {
    form: 'Sign in',
    tagline: 'Every delivery provider, one live view.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    expired: 'Your session has expired. Please sign in again.',
    ended: 'Your session was ended: you signed out elsewhere, or your account was changed. Please sign in again.',
    signedOutElsewhere: 'You signed out in another tab.',
  },
};

export const ar: typeof en = {
  nav: {
    main: 'الرئيسية',
    '/': 'نظرة عامة',
    '/orders': 'الطلبات',
    '/integrations': 'التكاملات',
    '/webhooks': 'أحداث الويب هوك',
    '/alerts': 'التنبيهات',
    '/settings': 'الإعدادات',
    '/kitchen': 'شاشة المطبخ',
  },
  skipToContent: 'انتقل إلى المحتوى',
  timeZoneHint: 'تُعرض الأوقات بهذه المنطقة الزمنية',
  live: { connecting: 'جارٍ الاتصال…', live: 'مباشر', reconnecting: 'جارٍ إعادة الاتصال…' },
  signOut: 'تسجيل الخروج',
  openingPage: 'جارٍ فتح الصفحة…',
  openingWorkspace: 'جارٍ فتح مساحة عملك…',
  actingTenant: 'المستأجر الحالي',
  language: {
    label: 'اللغة',
    switchTo: 'English',
    switchToLabel: 'اعرض لوحة التحكم بالإنجليزية',
    en: 'English (الإنجليزية)',
    ar: 'العربية',
    arabicDigits: 'الأرقام العربية الهندية (٠١٢٣) في العربية',
    saved: 'يُحفظ لتسجيل دخولك القادم على أي جهاز.',
  },
  signIn: {
    form: 'تسجيل الدخول',
    tagline: 'كل مزودي التوصيل، في عرض مباشر واحد.',
    email: 'البريد الإلكتروني',
    password: 'كلمة المرور',
    submit: 'تسجيل الدخول',
    submitting: 'جارٍ تسجيل الدخول…',
    expired: 'انتهت صلاحية جلستك. يُرجى تسجيل الدخول مرة أخرى.',
    ended: 'أُنهيت جلستك: سجّلت الخروج من مكان آخر، أو تغيّر حسابك. يُرجى تسجيل الدخول مرة أخرى.',
    signedOutElsewhere: 'سجّلت الخروج في علامة تبويب أخرى.',
  },
};
