// The page's words in English and Arabic; Arabic is written right to left.
const TEXT = {
  en: {
    title: 'Certificate check',
    prompt: 'Scan the QR code or paste the text',
    destination: 'Entering',
    camera: 'Camera',
    stopCamera: 'Stop camera',
    switchLanguage: 'العربية',
    valid: 'VALID',
    'not-valid-for-entry': 'NOT VALID FOR ENTRY',
    invalid: 'INVALID',
    failed: 'Failed check',
    rulesMet: 'Meets all {n} entry rules of {country}.',
    noRules: 'No entry rules of {country} apply.',
    rulesFailed: 'Does not meet the entry rules of {country}:',
    name: 'Name',
    nameAsInPassport: 'Name as in the passport',
    nameICAO: 'Name (ICAO transliteration)',
    birth: 'Date of birth',
    certificate: 'Certificate',
    issuer: 'Issued by',
    uvci: 'Certificate ID',
    vaccination: 'Vaccination',
    test: 'Test',
    recovery: 'Recovery',
    dose: 'dose {n} of {m}',
    vaccinated: 'given {date}',
    sampled: 'sample taken {date}',
    recoveryValid: 'valid from {from} to {until}',
    detected: 'detected (positive)',
    notDetected: 'not detected (negative)',
    pcr: 'PCR (NAAT)',
    antigen: 'rapid antigen',
    listsNone: 'No lists yet: connect to the server once to download them.',
    listsAge: 'Lists updated {age} ago ({signers} signers, {revoked} revoked, {rules} rules).',
    listsStale: 'Lists are {age} old: connect to the network to refresh them.',
    listsOutdated: 'The stored lists are from an older version of this page: connect to the network to refresh them.',
    minutes: '{n} min',
    hours: '{n} h',
    days: '{n} days',
    clearsIn: 'Cleared in 60 s or at the next scan.',
    chunk: 'Part {i} of {n} of the card read ({have} of {n}): scan the other parts.',
    checks: {
      signature: 'signature',
      expiry: 'expired',
      notYetValid: 'not yet valid',
      revocation: 'revoked',
      kid: 'unknown signer',
      keyUsage: 'wrong key usage',
      schema: 'invalid content',
      valueSets: 'unknown code',
      format: 'not a certificate',
      noLists: 'no trust list',
      chunks: 'parts of different cards',
      issuer: 'unknown issuer',
      fhir: 'invalid health record',
      noIssuers: 'the lists lack card issuers: connect to the network to refresh them',
    },
  },
  ar: {
    title: 'فحص الشهادة',
    prompt: 'امسح رمز QR أو الصق النص',
    destination: 'بلد الدخول',
    camera: 'الكاميرا',
    stopCamera: 'إيقاف الكاميرا',
    switchLanguage: 'English',
    valid: 'صالحة',
    'not-valid-for-entry': 'غير صالحة للدخول',
    invalid: 'غير صالحة',
    failed: 'الفحص الذي لم ينجح',
    rulesMet: 'تستوفي شروط الدخول إلى {country} كلها ({n}).',
    noRules: 'لا تنطبق أي شروط دخول إلى {country}.',
    rulesFailed: 'لا تستوفي شروط الدخول إلى {country}:',
    name: 'الاسم',
    nameAsInPassport: 'الاسم كما في جواز السفر',
    nameICAO: 'الاسم بالحروف اللاتينية (نقل حرفي وفق ICAO)',
    birth: 'تاريخ الميلاد',
    certificate: 'الشهادة',
    issuer: 'جهة الإصدار',
    uvci: 'رقم الشهادة',
    vaccination: 'تطعيم',
    test: 'فحص',
    recovery: 'تعافٍ',
    dose: 'الجرعة {n} من {m}',
    vaccinated: 'أُعطيت في {date}',
    sampled: 'أُخذت العينة في {date}',
    recoveryValid: 'صالحة من {from} إلى {until}',
    detected: 'إيجابي',
    notDetected: 'سلبي',
    pcr: 'PCR',
    antigen: 'مستضد سريع',
    listsNone: 'لا توجد قوائم بعد: اتصل بالخادم مرة واحدة لتنزيلها.',
    listsAge: 'حُدّثت القوائم منذ {age} ({signers} جهات توقيع، {revoked} ملغاة، {rules} قاعدة).',
    listsStale: 'عمر القوائم {age}: اتصل بالشبكة لتحديثها.',
    listsOutdated: 'القوائم المحفوظة من إصدار أقدم من هذه الصفحة: اتصل بالشبكة لتحديثها.',
    minutes: '{n} دقيقة',
    hours: '{n} ساعة',
    days: '{n} يوم',
    clearsIn: 'تُمسح النتيجة بعد 60 ثانية أو عند المسح التالي.',
    chunk: 'قُرئ الجزء {i} من {n} من البطاقة ({have} من {n}): امسح الأجزاء الأخرى.',
    checks: {
      signature: 'التوقيع',
      expiry: 'منتهية الصلاحية',
      notYetValid: 'لم تبدأ صلاحيتها بعد',
      revocation: 'ملغاة',
      kid: 'جهة توقيع غير معروفة',
      keyUsage: 'استخدام مفتاح غير مسموح',
      schema: 'محتوى غير صالح',
      valueSets: 'رمز غير معروف',
      format: 'ليست شهادة',
      noLists: 'لا توجد قائمة ثقة',
      chunks: 'أجزاء من بطاقات مختلفة',
      issuer: 'جهة إصدار غير معروفة',
      fhir: 'سجل صحي غير صالح',
      noIssuers: 'تنقص القوائم جهات إصدار البطاقات: اتصل بالشبكة لتحديثها',
    },
  },
};

export const LANGUAGES = Object.keys(TEXT);

/// The language to start in: the browser's first of ours, else English.
export function preferredLanguage() {
  const wanted = (navigator.languages ?? [navigator.language]).map((tag) => tag.slice(0, 2).toLowerCase());
  return wanted.find((tag) => LANGUAGES.includes(tag)) ?? 'en';
}

/// The text for `key` in `language`, with {placeholders} filled in.
export function say(language, key, values = {}) {
  const text = key.split('.').reduce((node, part) => node?.[part], TEXT[language]) ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

export const direction = (language) => (language === 'ar' ? 'rtl' : 'ltr');

/// A country's name in `language` (the browser's own list), e.g. "Bahrain (BH)"; the code alone when it has none.
export function countryName(code, language) {
  try {
    const name = new Intl.DisplayNames([language], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
