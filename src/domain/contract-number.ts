/**
 * Registration and contract numbers of procedure BG05M9OP001-2.056, as sources write them and in
 * canonical form:
 * - registration number  `BG05M9OP001-2.056-NNNN`
 * - OP HRD contract      `BG05M9OP001-2.056-NNNN-C01`
 * - OP SESG contract     `BG05M9OP001-2.056-NNNN-2014BG05M2OP001-C01`
 * Sources write Cyrillic look-alike letters (`BG05М90Р001`, `С01`), a zero for the letter O, spaces,
 * and drop leading zeros (`2.056-20`); all of these normalise to the canonical form.
 */
const LOOK_ALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  а: 'A',
  в: 'B',
  е: 'E',
  к: 'K',
  м: 'M',
  н: 'H',
  о: 'O',
  р: 'P',
  с: 'C',
  т: 'T',
  х: 'X',
};

export type ContractNumberKind = 'REGISTRATION' | 'OP_HRD_CONTRACT' | 'OP_SESG_CONTRACT';

export interface ParsedContractNumber {
  kind: ContractNumberKind;
  /** `BG05M9OP001-2.056-NNNN`. */
  registrationNumber: string;
  /** The number in canonical form. */
  canonical: string;
  /** Programme of the contract (`BG05M9OP001` or `BG05M2OP001`); null for a registration number. */
  programmeCode: string | null;
}

const PATTERN = /^BG05M9[O0]P001-2\.056-(\d{1,4})(?:-(2014BG05M2[O0]P001-)?C01)?$/;

export function parseContractNumber(raw: string): ParsedContractNumber | null {
  const latin = [...raw]
    .map((char) => LOOK_ALIKES[char] ?? char)
    .join('')
    .replace(/\s+/g, '')
    .toUpperCase();
  const match = PATTERN.exec(latin);
  if (!match) return null;
  const registrationNumber = `BG05M9OP001-2.056-${match[1].padStart(4, '0')}`;
  const hasContractSuffix = latin.endsWith('C01');
  if (!hasContractSuffix)
    return { kind: 'REGISTRATION', registrationNumber, canonical: registrationNumber, programmeCode: null };
  if (match[2]) {
    return {
      kind: 'OP_SESG_CONTRACT',
      registrationNumber,
      canonical: `${registrationNumber}-2014BG05M2OP001-C01`,
      programmeCode: 'BG05M2OP001',
    };
  }
  return {
    kind: 'OP_HRD_CONTRACT',
    registrationNumber,
    canonical: `${registrationNumber}-C01`,
    programmeCode: 'BG05M9OP001',
  };
}
