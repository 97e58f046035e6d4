import { bgnToEur, convert, divideRoundHalfUp, fromCents, toCents } from '../../src/domain/money';

const sumAmounts = (amounts: string[]) => fromCents(amounts.reduce((total, amount) => total + toCents(amount), 0n));

describe('money', () => {
  it('converts BGN to EUR at 1.95583, half-up to the cent', () => {
    expect(bgnToEur('1555364.20')).toBe('795245.09'); // Kazanlak's total
    expect(bgnToEur('195583.00')).toBe('100000.00');
  });

  it('rounds exact halves up and keeps everything else exact', () => {
    // 0.01 BGN = 0.005112… EUR → 0.01; 0.97 BGN = 0.49595… EUR → 0.50
    expect(bgnToEur('0.01')).toBe('0.01');
    expect(bgnToEur('0.97')).toBe('0.50');
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfUp(7n, 3n)).toBe(2n);
    expect(convert('356515.77', 'BGN')).toBe('356515.77');
  });

  it('writes a BGN amount in one form whatever form it comes in', () => {
    const forms: [string, string][] = [
      ['1563955', '1563955.00'],
      ['1563955.5', '1563955.50'],
      ['001563955.50', '1563955.50'],
      [' 12.30 ', '12.30'],
      ['0.00', '0.00'],
      ['-0.00', '0.00'],
      ['-12.30', '-12.30'],
    ];
    for (const [given, written] of forms) expect([given, convert(given, 'BGN')]).toEqual([given, written]);
    expect(() => convert('12.345', 'BGN')).toThrow(/at most 2 places/);
  });

  it('adds decimal strings without floating-point error', () => {
    expect(sumAmounts(['1198848.43', '356515.77'])).toBe('1555364.20');
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.30');
    expect(fromCents(toCents('1563955'))).toBe('1563955.00');
  });

  it('refuses amounts with more than two decimals', () => {
    expect(() => toCents('1.234')).toThrow(/at most 2 places/);
  });
});
