import { isRealDate, monthsBetween } from '../../src/domain/period';

describe('project period arithmetic', () => {
  it('counts months between inclusive dates', () => {
    expect(monthsBetween('2021-10-01', '2023-06-30')).toBe(21);
    expect(monthsBetween('2021-07-06', '2023-05-06')).toBeCloseTo(22.03, 2);
    expect(monthsBetween('2021-12-03', '2023-06-30')).toBeCloseTo(18.93, 2);
    expect(monthsBetween('2022-01-01', '2022-12-31')).toBe(12);
  });

  it('accepts only real calendar dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2023-13-01')).toBe(false);
    expect(isRealDate('31.10.2023')).toBe(false);
  });
});
