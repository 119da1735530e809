import { registryName, type V3Person } from './v3-person.js';

const escape = (value: unknown): string =>
  (typeof value === 'string' || typeof value === 'number' ? String(value) : '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const GENDER_UK: Record<string, string> = { MALE: 'чоловіча', FEMALE: 'жіноча' };
const METHOD_UK: Record<string, string> = {
  OTP: 'SMS-код на номер телефону',
  OFFLINE: 'документи, що посвідчують особу',
  THIRD_PERSON: 'через законного представника',
};

/**
 * The printout the patient reads before agreeing (the registry's leaflet), in Ukrainian.
 * Everything taken from the request is HTML-escaped. The phone appears masked.
 */
export function personRequestPrintout(
  requestId: string,
  person: V3Person,
  methodType: string,
  maskedPhone: string | null,
  date: string,
): string {
  const name = registryName(person);
  const rows: [string, unknown][] = [
    ['Прізвище', name.lastName],
    ["Ім'я", name.firstName],
    ['По батькові', name.secondName ?? ''],
    ['Дата народження', person.birthDate],
    ['Стать', GENDER_UK[person.gender] ?? person.gender],
    ['Країна народження', person.birthCountry],
    ['Місце народження', person.birthSettlement],
    ['РНОКПП', person.taxId ?? (person.noTaxId ? 'відмова від РНОКПП' : '')],
    ...person.documents.map((d): [string, unknown] => ['Документ', `${d.type} ${d.number}`]),
    [
      'Спосіб автентифікації',
      `${METHOD_UK[methodType] ?? methodType}${maskedPhone ? ` (${maskedPhone})` : ''}`,
    ],
  ];
  return [
    '<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8"><title>Згода пацієнта</title></head><body>',
    `<h1>Інформаційна довідка пацієнта</h1><p>Запит № ${escape(requestId)} від ${escape(date)}</p>`,
    '<table>',
    ...rows.map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`),
    '</table>',
    '<p>Я підтверджую, що наведені дані є достовірними, та надаю згоду на обробку моїх персональних даних ',
    'в електронній системі охорони здоров’я відповідно до Закону України «Про захист персональних даних».</p>',
    '</body></html>',
  ].join('');
}
