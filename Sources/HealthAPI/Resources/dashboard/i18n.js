// The dashboard's words in English and Arabic (written right to left). Dates, counts and "<10" are not
// translated: they are shown as the API gives them, isolated left to right.
const WORDS = {
  en: {
    title: 'Daily statistics',
    switchLanguage: 'العربية',
    signInTitle: 'Operator sign-in',
    tokenHint: 'Paste your operator or admin token. It is kept in this browser tab only, until you sign out or close the tab.',
    tokenLabel: 'Operator token',
    signIn: 'Show statistics',
    signOut: 'Sign out',
    refresh: 'Refresh',
    showTable: 'Show table',
    showCharts: 'Show charts',
    retry: 'Try again',
    loading: 'Loading the last 90 days…',
    range: '{from} to {to}: {n} days (UTC), loaded at {time} UTC',
    charts: {
      tests: 'Tests per day, with positivity',
      doses: 'Vaccine doses per day',
      cases: 'Cases opened, and people in isolation and in quarantine',
    },
    chartLabel: '{title}: a chart of {n} days. Use the arrow keys for each day’s numbers, or show the table.',
    series: {
      tests: 'Tests',
      positive: 'Positive',
      positivity: 'Positivity',
      dose1: 'Dose 1',
      dose2: 'Dose 2',
      booster: 'Booster',
      casesOpened: 'Cases opened',
      isolating: 'In isolation',
      quarantining: 'In quarantine',
      bookings: 'Bookings',
      checkInsMissed: 'Check-ins missed',
      keysPublished: 'Keys published',
    },
    date: 'Date',
    few: 'fewer than 10: not shown',
    fewTitle: 'Fewer than 10: the number is not shown',
    withheldTitle: 'Withheld: with the day\'s other numbers it would tell one below 10',
    positivityKey: 'Positivity (line, % on the right scale)',
    lineGap: 'gap in the line: positivity withheld',
    withheld: 'withheld',
    tableCaption: 'Every number per day, newest first',
    tableNote: 'Every number per day, newest first. {few} means fewer than 10; {dash} means positivity is withheld.',
    errors: {
      'missing-token': 'Enter an operator token.',
      'invalid-token': 'That token was not accepted: it is unknown, expired or revoked. Enter a valid operator token.',
      'forbidden-role': 'That token may not see the statistics: an operator or admin token is needed.',
      network: 'The server cannot be reached: check the network connection, then try again.',
      timeout: 'The server did not answer in time. Try again.',
      server: 'The server could not give the statistics (error {status}). Try again later.',
      unreadable: 'The server’s answer could not be read. Try again later.',
    },
    signedOut: 'Signed out: the token was removed from this tab.',
  },
  ar: {
    title: 'الإحصاءات اليومية',
    switchLanguage: 'English',
    signInTitle: 'دخول المشغّلين',
    tokenHint: 'الصق رمز الدخول الخاص بك (مشغّل أو مسؤول). يُحفظ الرمز في علامة التبويب هذه فقط، حتى تسجّل الخروج أو تغلقها.',
    tokenLabel: 'رمز دخول المشغّل',
    signIn: 'عرض الإحصاءات',
    signOut: 'تسجيل الخروج',
    refresh: 'تحديث',
    showTable: 'عرض الجدول',
    showCharts: 'عرض الرسوم البيانية',
    retry: 'أعد المحاولة',
    loading: 'جارٍ تحميل آخر 90 يومًا…',
    range: 'من {from} إلى {to}: {n} يومًا (بالتوقيت العالمي)، حُمّلت الساعة {time} بالتوقيت العالمي',
    charts: {
      tests: 'الفحوص اليومية ونسبة النتائج الإيجابية',
      doses: 'جرعات اللقاح اليومية',
      cases: 'الحالات المفتوحة، والأشخاص في العزل وفي الحجر الصحي',
    },
    chartLabel: '{title}: رسم بياني لـ {n} يومًا. استخدم مفاتيح الأسهم لمعرفة أعداد كل يوم، أو اعرض الجدول.',
    series: {
      tests: 'الفحوص',
      positive: 'النتائج الإيجابية',
      positivity: 'نسبة الإيجابية',
      dose1: 'الجرعة الأولى',
      dose2: 'الجرعة الثانية',
      booster: 'الجرعة المعزِّزة',
      casesOpened: 'الحالات المفتوحة',
      isolating: 'في العزل',
      quarantining: 'في الحجر الصحي',
      bookings: 'الحجوزات',
      checkInsMissed: 'متابعات يومية فائتة',
      keysPublished: 'المفاتيح المنشورة',
    },
    date: 'التاريخ',
    few: 'أقل من 10: لا يُعرض العدد',
    fewTitle: 'أقل من 10: لا يُعرض العدد',
    withheldTitle: 'محجوب: مع أعداد اليوم الأخرى يكشف عددًا أقل من 10',
    positivityKey: 'نسبة الإيجابية (الخط، والنسبة المئوية على المقياس الأيمن)',
    lineGap: 'انقطاع الخط: نسبة الإيجابية محجوبة',
    withheld: 'محجوبة',
    tableCaption: 'جميع الأعداد لكل يوم، الأحدث أولًا',
    tableNote: 'جميع الأعداد لكل يوم، الأحدث أولًا. تعني {few} أقل من 10، وتعني {dash} أن نسبة الإيجابية محجوبة.',
    errors: {
      'missing-token': 'أدخل رمز دخول المشغّل.',
      'invalid-token': 'لم يُقبل هذا الرمز: فهو غير معروف أو منتهي الصلاحية أو ملغى. أدخل رمز مشغّل صالحًا.',
      'forbidden-role': 'لا يحق لهذا الرمز عرض الإحصاءات: يلزم رمز مشغّل أو مسؤول.',
      network: 'تعذّر الوصول إلى الخادم: تحقّق من اتصال الشبكة ثم أعد المحاولة.',
      timeout: 'لم يردّ الخادم في الوقت المحدد. أعد المحاولة.',
      server: 'تعذّر على الخادم تقديم الإحصاءات (الخطأ {status}). أعد المحاولة لاحقًا.',
      unreadable: 'تعذّرت قراءة ردّ الخادم. أعد المحاولة لاحقًا.',
    },
    signedOut: 'تم تسجيل الخروج وحُذف الرمز من علامة التبويب هذه.',
  },
};

export const LANGUAGES = Object.keys(WORDS);

/// The browser's first preferred language that the page has, else English.
export function browserLanguage() {
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];
  return tags.map((tag) => tag.slice(0, 2).toLowerCase()).find((tag) => LANGUAGES.includes(tag)) ?? 'en';
}

export const isRightToLeft = (language) => language === 'ar';

/// A translator for `language`: `t('series.tests')`, with {name} placeholders filled from `values`. An unknown
/// key comes back as itself, so a missing word shows up rather than an empty label.
export function translator(language) {
  const words = WORDS[language] ?? WORDS.en;
  return (key, values = {}) => {
    const found = key.split('.').reduce((node, part) => node?.[part], words);
    const text = typeof found === 'string' ? found : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  };
}
