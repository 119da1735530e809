import { personRequestPrintout } from '../../../src/person-request/domain/printout.js';
import { maskPhone } from '../../../src/kernel/domain/phone.js';
import { aV3Person } from '../../support/mothers.js';

const ID = '6f1c9a4e-2b0d-4a57-9a0e-3f2d9a7c1b55';
const DATE = '2026-11-23';

/** The value cell of the row with this label. */
function cell(html: string, label: string): string | undefined {
  const row = new RegExp(`<tr><th>${label}</th><td>(.*?)</td></tr>`).exec(html);
  return row?.[1];
}

describe('the printout a patient reads before signing', () => {
  it('lists the Ukrainian name, dates, documents and method with its masked phone', () => {
    const html = personRequestPrintout(ID, aV3Person(), 'OTP', maskPhone('+380971234567'), DATE);

    expect(html).toContain(`<p>Запит № ${ID} від ${DATE}</p>`);
    expect({
      last: cell(html, 'Прізвище'),
      first: cell(html, 'Ім&#39;я'),
      second: cell(html, 'По батькові'),
      birth: cell(html, 'Дата народження'),
      gender: cell(html, 'Стать'),
      taxId: cell(html, 'РНОКПП'),
      document: cell(html, 'Документ'),
      method: cell(html, 'Спосіб автентифікації'),
    }).toEqual({
      last: 'Петренко',
      first: 'Олена',
      second: 'Іванівна',
      birth: '1972-10-26',
      gender: 'чоловіча',
      taxId: '2659719350',
      document: 'PASSPORT АА123456',
      method: 'SMS-код на номер телефону (+38097*****67)',
    });
    expect(html).not.toContain('+380971234567');
  });

  it.each([
    ['OFFLINE', null, 'документи, що посвідчують особу'],
    ['THIRD_PERSON', '+38050*****33', 'через законного представника (+38050*****33)'],
    ['THIRD_PERSON', null, 'через законного представника'],
    ['NA', null, 'NA'],
  ])('names the method %s (phone %s) as %s', (method, phone, shown) => {
    const html = personRequestPrintout(ID, aV3Person(), method, phone, DATE);
    expect(cell(html, 'Спосіб автентифікації')).toBe(shown);
  });

  it.each([
    ['a script', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['double quotes', 'О"Нейл', 'О&quot;Нейл'],
    ['an apostrophe', "Д'Артаньян", 'Д&#39;Артаньян'],
    ['an ampersand', 'Tom & Jerry', 'Tom &amp; Jerry'],
    ['an entity already escaped', '&lt;', '&amp;lt;'],
  ])('escapes %s in what the request holds', (_n, raw, escaped) => {
    const person = aV3Person({
      names: [{ language: 'uk', first_name: raw, last_name: raw, no_last_name: false }],
      birth_settlement: raw,
      documents: [{ type: 'PASSPORT', number: raw }],
    });

    const html = personRequestPrintout(ID, person, 'OTP', null, DATE);

    expect([
      cell(html, 'Прізвище'),
      cell(html, 'Ім&#39;я'),
      cell(html, 'Місце народження'),
      cell(html, 'Документ'),
    ]).toEqual([escaped, escaped, escaped, `PASSPORT ${escaped}`]);
    expect(html).not.toContain(raw);
  });

  it('shows an unknown gender as sent, escaped', () => {
    const person = { ...aV3Person(), gender: '<b>X</b>' as 'MALE' };

    const html = personRequestPrintout(ID, person, 'OTP', null, DATE);

    expect(cell(html, 'Стать')).toBe('&lt;b&gt;X&lt;/b&gt;');
  });

  it('escapes the request id and the date too', () => {
    const html = personRequestPrintout('<id>', aV3Person(), 'OTP', null, '"date"');
    expect(html).toContain('<p>Запит № &lt;id&gt; від &quot;date&quot;</p>');
  });

  it.each([
    ['the refusal of a tax id', { tax_id: null, no_tax_id: true }, 'відмова від РНОКПП'],
    ['nothing without a tax id or its refusal', { tax_id: null, no_tax_id: false }, ''],
  ])('shows %s', (_n, person, shown) => {
    const html = personRequestPrintout(ID, aV3Person(person), 'OTP', null, DATE);
    expect(cell(html, 'РНОКПП')).toBe(shown);
  });

  it('takes the first name entry when there is no Ukrainian one', () => {
    const person = aV3Person({
      names: [{ language: 'en', first_name: 'Olena', last_name: 'Petrenko', no_last_name: false }],
    });

    const html = personRequestPrintout(ID, person, 'OTP', null, DATE);

    expect([cell(html, 'Прізвище'), cell(html, 'Ім&#39;я'), cell(html, 'По батькові')]).toEqual([
      'Petrenko',
      'Olena',
      '',
    ]);
  });
});
