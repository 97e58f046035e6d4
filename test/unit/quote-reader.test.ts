import { Qualifier } from '../../src/domain/enums';
import { readDates } from '../../src/domain/quote-dates';
import { readNumbers } from '../../src/domain/quote-numbers';
import {
  amountVerdict,
  countVerdict,
  dateVerdict,
  monthsVerdict,
  numberVerdict,
  procedureVerdict,
} from '../../src/domain/value-in-quote';

/** The quote reader on the sources' own sentences (../shared/sources): the forms each municipality used. */

const amounts = (quote: string) => readNumbers(quote).map((number) => [number.hundredths, number.currency]);

describe('numbers as the sources write them', () => {
  it.each([
    ['1 555 364,20 лв.', 155536420n, 'BGN'], // Kazanlak
    ['1 183 459.15 лв.', 118345915n, 'BGN'], // Smolyan
    ['1 589 860, 38 лв.', 158986038n, 'BGN'], // Haskovo: a space after the decimal comma
    ['1 216 919 лв.', 121691900n, 'BGN'], // Shumen: no decimals
    ['1,589,878.46 Bulgarian lev', 158987846n, 'BGN'], // Varna's Knowledge Graph
    ['1 199 895.92лв', 119989592n, 'BGN'], // no space before the currency
    ['Total budget: 810 828,79 €', 81082879n, 'EUR'], // Kohesio
    ['810,838.02 Euro', 81083802n, 'EUR'],
    ['Total cost | 389,826.62 |', 38982662n, null], // eumoney: BGN without a label
    ['близо 1,6 милиона лева', 160000000n, 'BGN'], // Montana
    ['Свищов получава 1,2 млн. лв.', 120000000n, 'BGN'], // Svishtov's headline
    ['1 милион 564 хиляди лева', 156400000n, 'BGN'],
    ['над 1 милион и 600 хиляди лева', 160000000n, 'BGN'], // Vidin
  ])('%s', (quote, hundredths, currency) => {
    expect(amounts(quote)).toEqual([[hundredths, currency]]);
  });

  it('skips what holds digits but is no figure: dates, percentages, contract numbers, ordinals, times', () => {
    const quote =
      'На 25.09.23г. от 09:30ч. по договор BG05M9OP001-2.056-0009-C01 в 5-то училище: 993 667.69 лв. (85%), от 16.08.2021 г.';
    expect(readNumbers(quote).map((number) => number.hundredths)).toEqual([99366769n]);
  });

  it('counts before a noun, each with the hedge word right before it', () => {
    const read = readNumbers('В 5-то училище са сформирани 13 групи с 81 деца; над 50 лица; Повече от 60 потребители');
    expect(read.map((number) => [number.hundredths / 100n, number.hedge?.qualifier ?? null])).toEqual([
      [13n, null],
      [81n, null],
      [50n, Qualifier.AT_LEAST],
      [60n, Qualifier.AT_LEAST],
    ]);
  });

  it('a hedge word is the word right before the figure: "До момента 88 души" is no ceiling', () => {
    expect(readNumbers('До момента 88 души са подписали договор')[0].hedge).toBeNull();
    expect(readNumbers('в максимален размер до 616 168,74 лева')[0].hedge).toEqual({
      qualifier: Qualifier.AT_MOST,
      word: 'в максимален размер до',
    });
    expect(readNumbers('ще се осигури трудова заетост до 12 месеца за общо 92 лица')[1].hedge).toBeNull();
  });

  it('reads no figure written in words', () => {
    expect(readNumbers('Шестима ще бъдат ангажирани към местната администрация')).toEqual([]);
  });
});

describe('dates as the sources write them', () => {
  it.each([
    ['16.08.2021 г.', { year: 2021, month: 8, day: 16 }],
    ['Начало на проекта:01.10.2021г.', { year: 2021, month: 10, day: 1 }],
    ['На 25.09.23г.', { year: 2023, month: 9, day: 25 }],
    ['Start date | 16 Aug, 2021 |', { year: 2021, month: 8, day: 16 }],
    ['End date: 30 June 2023', { year: 2023, month: 6, day: 30 }],
    ['Projekt indulása: 5 augusztus 2021', { year: 2021, month: 8, day: 5 }],
    ['На 1.08.', { year: null, month: 8, day: 1 }],
    ['От 1 август', { year: null, month: 8, day: 1 }],
    ['до края на месец юни 2023 година', { year: 2023, month: 6, day: null }],
  ])('%s', (quote, expected) => {
    expect(readDates(quote)).toEqual([expect.objectContaining(expected)]);
  });

  it('both ends of a range', () => {
    expect(readDates('06.07.2021 - 30.09.2023').map((date) => [date.year, date.month, date.day])).toEqual([
      [2021, 7, 6],
      [2023, 9, 30],
    ]);
  });
});

describe('value ↔ quote verdicts', () => {
  it('a count the quote does not state: "quote says 25, value is 52"', () => {
    const quote = '25 представители на целевите групи ще бъдат назначени на работа';
    expect(countVerdict({ value: 25, qualifier: Qualifier.EXACT }, quote)).toEqual({ status: 'agrees' });
    expect(countVerdict({ value: 52, qualifier: Qualifier.EXACT }, quote)).toEqual({
      status: 'disagrees',
      reason: 'the quote says 25, the value is 52',
    });
  });

  it('an amount typed with two digits swapped', () => {
    expect(
      amountVerdict({ amount: '1196020.81', currency: 'BGN', qualifier: Qualifier.EXACT }, '1 169 020.81 лв.'),
    ).toEqual({ status: 'disagrees', reason: 'the quote says 1 169 020.81, the value is 1 196 020.81' });
  });

  it('the currency written beside the figure', () => {
    const verdict = amountVerdict({ amount: '810828.79', currency: 'BGN', qualifier: Qualifier.EXACT }, '810 828,79 €');
    expect(verdict.status).toBe('disagrees');
  });

  it('the hedge word agrees with the qualifier, or the file is refused naming the word', () => {
    const ceiling = 'в размер до 301 128,99 лв.';
    expect(amountVerdict({ amount: '301128.99', currency: 'BGN', qualifier: Qualifier.AT_MOST }, ceiling).status).toBe(
      'agrees',
    );
    expect(amountVerdict({ amount: '301128.99', currency: 'BGN', qualifier: Qualifier.EXACT }, ceiling)).toEqual({
      status: 'disagrees',
      reason: 'the quote says "в размер до 301 128,99" (AT_MOST), the qualifier is EXACT',
    });
    expect(
      amountVerdict({ amount: '1600000', currency: 'BGN', qualifier: Qualifier.EXACT }, 'близо 1,6 милиона лева')
        .status,
    ).toBe('disagrees');
    expect(
      countVerdict({ value: 50, qualifier: Qualifier.APPROXIMATE }, 'Застъпничество е осигурено над 50 лица').status,
    ).toBe('disagrees');
    // A rounded figure is approximate without a word saying so (utroruse.com's "761 123 лева").
    expect(
      amountVerdict({ amount: '761123.00', currency: 'BGN', qualifier: Qualifier.APPROXIMATE }, '761 123 лева'),
    ).toEqual({ status: 'agrees' });
  });

  it('a figure in words only is unread: stored unchecked', () => {
    expect(countVerdict({ value: 4, qualifier: Qualifier.EXACT }, 'вече са назначени четирима медиатори').status).toBe(
      'unread',
    );
  });

  it('dates and durations', () => {
    expect(dateVerdict('2021-08-01', 'На 1.08.')).toEqual({ status: 'agrees' });
    expect(dateVerdict('2023-06-30', 'до края на месец юни 2023 година')).toEqual({ status: 'agrees' });
    expect(dateVerdict('2023-06-30', 'End date | 30 Jun, 2023 |')).toEqual({ status: 'agrees' });
    expect(dateVerdict('2023-06-03', '30.06.2023 г.')).toEqual({
      status: 'disagrees',
      reason: 'the quote says 2023-06-30, the value is 2023-06-03',
    });
    expect(monthsVerdict(22, 'Продължителност: 22 месеца')).toEqual({ status: 'agrees' });
    expect(monthsVerdict(23, '/18 месеца/').status).toBe('disagrees');
  });

  it('contract and registration numbers in any spelling', () => {
    expect(numberVerdict('BG05M9OP001-2.056-0007-C01', 'BG05M9OP001-2.056-007-С01', 'contract')).toEqual({
      status: 'agrees',
    });
    expect(numberVerdict('BG05M9OP001-2.056-0008-C01', 'BG05M9OP001-2.056-007-С01', 'contract').status).toBe(
      'disagrees',
    );
  });

  it('a procedure citation names the procedure', () => {
    expect(procedureVerdict('по процедура BG05M9OP001-2.056 „Социално-икономическа интеграция…').status).toBe('agrees');
    expect(procedureVerdict('по Оперативна програма „Региони в растеж“').status).toBe('disagrees');
  });
});
