import { parseContractNumber } from '../../src/domain/contract-number';

describe('contract and registration numbers', () => {
  it('normalises Cyrillic look-alikes and a zero written for the letter O (Plovdiv)', () => {
    expect(parseContractNumber('BG05М90Р001-2.056-0002')).toEqual({
      kind: 'REGISTRATION',
      registrationNumber: 'BG05M9OP001-2.056-0002',
      canonical: 'BG05M9OP001-2.056-0002',
      programmeCode: null,
    });
  });

  it('restores dropped leading zeros and recognises both contract forms', () => {
    expect(parseContractNumber('BG05M9OP001-2.056-20')?.canonical).toBe('BG05M9OP001-2.056-0020');
    expect(parseContractNumber('BG05M9OP001-2.056-007-С01')).toMatchObject({
      kind: 'OP_HRD_CONTRACT',
      canonical: 'BG05M9OP001-2.056-0007-C01',
      programmeCode: 'BG05M9OP001',
    });
    expect(parseContractNumber(' BG05M9OP001-2.056-0017-2014BG05M2OP001-C01 ')).toMatchObject({
      kind: 'OP_SESG_CONTRACT',
      registrationNumber: 'BG05M9OP001-2.056-0017',
      programmeCode: 'BG05M2OP001',
    });
    expect(parseContractNumber('BG05M9OP001 - 2.056 - 0025 - C01')?.canonical).toBe('BG05M9OP001-2.056-0025-C01');
  });

  it('rejects numbers of other procedures', () => {
    expect(parseContractNumber('BG16RFOP001-1.024-0005-C01')).toBeNull();
    expect(parseContractNumber('BG05M9OP001-2.018-0001-C01')).toBeNull(); // Component 1 (Sliven)
    expect(parseContractNumber('BG05M9OP001-2.056-12345')).toBeNull();
  });
});
