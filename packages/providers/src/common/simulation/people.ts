import type { Random } from './random';

/** Country facts the payloads need, keyed by the connection's currency. */
export type CountryProfile = {
  countryCode: string;
  /** The currency's local symbol (payloads that carry no ISO code show it). */
  currencySymbol: string;
  dialCode: string;
  /** Subscriber number: first digit choices, then how many more digits. */
  mobileStarts: readonly string[];
  mobileRest: number;
  cities: readonly { city: string; lat: number; lng: number; areas: readonly string[]; streets: readonly string[] }[];
};

const PROFILES: Readonly<Record<string, CountryProfile>> = {
  AED: {
    countryCode: 'AE',
    currencySymbol: 'AED',
    dialCode: '+971',
    mobileStarts: ['50', '52', '54', '55', '56', '58'],
    mobileRest: 7,
    cities: [
      {
        city: 'Dubai',
        lat: 25.2048,
        lng: 55.2708,
        areas: ['Jumeirah 1', 'JLT', 'Al Barsha 1', 'Business Bay'],
        streets: ['Al Wasl Road', 'Sheikh Zayed Road', 'Al Khail Road', '2nd December Street'],
      },
      {
        city: 'Abu Dhabi',
        lat: 24.4539,
        lng: 54.3773,
        areas: ['Al Khalidiyah', 'Al Reem Island'],
        streets: ['Corniche Road', 'Hamdan Street'],
      },
    ],
  },
  SAR: {
    countryCode: 'SA',
    currencySymbol: 'SR',
    dialCode: '+966',
    mobileStarts: ['50', '53', '54', '55', '56', '59'],
    mobileRest: 7,
    cities: [
      {
        city: 'Riyadh',
        lat: 24.7136,
        lng: 46.6753,
        areas: ['Al Olaya', 'Al Malqa', 'Hittin'],
        streets: ['King Fahd Road', 'Tahlia Street', 'Prince Turki Road'],
      },
      {
        city: 'Jeddah',
        lat: 21.4858,
        lng: 39.1925,
        areas: ['Al Rawdah', 'Al Shati'],
        streets: ['Prince Sultan Road', 'Tahlia Street'],
      },
    ],
  },
  KWD: {
    countryCode: 'KW',
    currencySymbol: 'KD',
    dialCode: '+965',
    mobileStarts: ['5', '6', '9'],
    mobileRest: 7,
    cities: [
      {
        city: 'Kuwait City',
        lat: 29.3759,
        lng: 47.9774,
        areas: ['Salmiya Block 10', 'Sharq Block 2', 'Jabriya Block 8'],
        streets: ['Salem Al Mubarak Street', 'Gulf Road', 'Hamad Al Mubarak Street'],
      },
    ],
  },
  BHD: {
    countryCode: 'BH',
    currencySymbol: 'BD',
    dialCode: '+973',
    mobileStarts: ['33', '34', '36', '39'],
    mobileRest: 6,
    cities: [
      {
        city: 'Manama',
        lat: 26.2285,
        lng: 50.586,
        areas: ['Seef', 'Juffair', 'Adliya'],
        streets: ['Road 2803', 'Osama Bin Zaid Avenue', 'Road 3803'],
      },
    ],
  },
  QAR: {
    countryCode: 'QA',
    currencySymbol: 'QR',
    dialCode: '+974',
    mobileStarts: ['3', '5', '6', '7'],
    mobileRest: 7,
    cities: [
      {
        city: 'Doha',
        lat: 25.2854,
        lng: 51.531,
        areas: ['West Bay', 'The Pearl', 'Al Sadd'],
        streets: ['Al Corniche Street', 'Al Sadd Street'],
      },
    ],
  },
  OMR: {
    countryCode: 'OM',
    currencySymbol: 'OMR',
    dialCode: '+968',
    mobileStarts: ['9', '7'],
    mobileRest: 7,
    cities: [
      {
        city: 'Muscat',
        lat: 23.588,
        lng: 58.3829,
        areas: ['Al Khuwair', 'Qurum', 'Madinat Sultan Qaboos'],
        streets: ['Sultan Qaboos Street', 'Way 3017'],
      },
    ],
  },
  JOD: {
    countryCode: 'JO',
    currencySymbol: 'JD',
    dialCode: '+962',
    mobileStarts: ['77', '78', '79'],
    mobileRest: 7,
    cities: [
      {
        city: 'Amman',
        lat: 31.9454,
        lng: 35.9284,
        areas: ['Abdoun', 'Sweifieh'],
        streets: ['Wakalat Street', 'Zahran Street'],
      },
    ],
  },
  EGP: {
    countryCode: 'EG',
    currencySymbol: 'EGP',
    dialCode: '+20',
    mobileStarts: ['10', '11', '12', '15'],
    mobileRest: 8,
    cities: [
      {
        city: 'Cairo',
        lat: 30.0444,
        lng: 31.2357,
        areas: ['Zamalek', 'New Cairo'],
        streets: ['26th of July Street', 'Road 90'],
      },
    ],
  },
  GBP: {
    countryCode: 'GB',
    currencySymbol: '£',
    dialCode: '+44',
    mobileStarts: ['7'],
    mobileRest: 9,
    cities: [
      {
        city: 'London',
        lat: 51.5072,
        lng: -0.1276,
        areas: ['Edgware Road', 'Kensington'],
        streets: ['Edgware Road', 'Queensway'],
      },
    ],
  },
};

export function countryProfileFor(currency: string): CountryProfile {
  const profile = PROFILES[currency];
  if (!profile) throw new Error(`The simulator has no country profile for currency "${currency}".`);
  return profile;
}

const FIRST_NAMES: readonly { en: string; ar: string }[] = [
  { en: 'Ahmed', ar: 'أحمد' },
  { en: 'Fatima', ar: 'فاطمة' },
  { en: 'Omar', ar: 'عمر' },
  { en: 'Noura', ar: 'نورة' },
  { en: 'Khalid', ar: 'خالد' },
  { en: 'Mariam', ar: 'مريم' },
  { en: 'Yousef', ar: 'يوسف' },
  { en: 'Sara', ar: 'سارة' },
  { en: 'Abdullah', ar: 'عبدالله' },
  { en: 'Huda', ar: 'هدى' },
  { en: 'Rashid', ar: 'راشد' },
  { en: 'Layla', ar: 'ليلى' },
  { en: 'Priya', ar: 'بريا' },
  { en: 'James', ar: 'جيمس' },
];

const LAST_NAMES: readonly { en: string; ar: string }[] = [
  { en: 'Al Mansoori', ar: 'المنصوري' },
  { en: 'Al Harbi', ar: 'الحربي' },
  { en: 'Al Qahtani', ar: 'القحطاني' },
  { en: 'Al Ajmi', ar: 'العجمي' },
  { en: 'Haddad', ar: 'حداد' },
  { en: 'Al Shamsi', ar: 'الشامسي' },
  { en: 'Al Otaibi', ar: 'العتيبي' },
  { en: 'Khoury', ar: 'خوري' },
  { en: 'Al Balushi', ar: 'البلوشي' },
  { en: 'Nair', ar: 'ناير' },
];

export type Language = 'en' | 'ar';

export type SimulatedCustomer = { firstName: string; lastName: string; phone: string };

export type SimulatedAddress = {
  street: string;
  number: string;
  building: string;
  floor: string;
  flatNumber: string;
  area: string;
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
  instructions: string;
};

export function randomCustomer(random: Random, currency: string, language: Language): SimulatedCustomer {
  const profile = countryProfileFor(currency);
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  let subscriber = random.pick(profile.mobileStarts);
  for (let i = 0; i < profile.mobileRest; i += 1) subscriber += String(random.int(0, 9));
  return { firstName: first[language], lastName: last[language], phone: `${profile.dialCode}${subscriber}` };
}

const INSTRUCTIONS: readonly { en: string; ar: string }[] = [
  { en: 'Please call when you arrive, the doorbell is broken.', ar: 'الرجاء الاتصال عند الوصول، الجرس لا يعمل.' },
  { en: 'Leave at the door, do not ring.', ar: 'اترك الطلب عند الباب، لا ترن الجرس.' },
  { en: 'Security gate: show the order to the guard.', ar: 'البوابة: أرِ الطلب لحارس الأمن.' },
  { en: '', ar: '' },
];

export function randomAddress(random: Random, currency: string, language: Language): SimulatedAddress {
  const city = random.pick(countryProfileFor(currency).cities);
  // About 1 km of jitter: realistic coordinates without pretending to be real homes.
  const jitter = (): number => Math.round((random.next() - 0.5) * 0.02 * 1e6) / 1e6;
  return {
    street: random.pick(city.streets),
    number: String(random.int(1, 240)),
    building: `Building ${random.int(1, 60)}`,
    floor: String(random.int(0, 22)),
    flatNumber: String(random.int(1, 40) * 10 + random.int(1, 9)),
    area: random.pick(city.areas),
    city: city.city,
    postcode: currency === 'GBP' ? `W2 ${random.int(1, 9)}AB` : '',
    latitude: Math.round((city.lat + jitter()) * 1e6) / 1e6,
    longitude: Math.round((city.lng + jitter()) * 1e6) / 1e6,
    instructions: random.pick(INSTRUCTIONS)[language],
  };
}

const ORDER_NOTES: readonly { en: string; ar: string }[] = [
  { en: 'No onions please.', ar: 'بدون بصل من فضلك.' },
  { en: 'Extra napkins and no plastic cutlery.', ar: 'مناديل إضافية وبدون ملاعق بلاستيك.' },
  { en: 'Allergic to nuts, please be careful.', ar: 'عندي حساسية من المكسرات، الرجاء الانتباه.' },
  { en: 'Sauce on the side.', ar: 'الصوص على الجانب.' },
];

/** About one order in three carries a customer note. */
export function randomOrderNote(random: Random, language: Language): string {
  return random.chance(0.35) ? random.pick(ORDER_NOTES)[language] : '';
}

const ITEM_NOTES: readonly { en: string; ar: string }[] = [
  { en: 'Well done please', ar: 'مستوي جيداً' },
  { en: 'No tomatoes', ar: 'بدون طماطم' },
  { en: 'Less ice', ar: 'ثلج أقل' },
  { en: 'Cut in half', ar: 'مقطع نصفين' },
];

export function randomItemNote(random: Random, language: Language): string {
  return random.chance(0.15) ? random.pick(ITEM_NOTES)[language] : '';
}
