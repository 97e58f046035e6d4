import fs from 'node:fs';
import path from 'node:path';
import { growDataMeasures } from '../db/data-measures';
import { bumpDataRevision } from '../db/data-revision';
import type { EntityManager } from 'typeorm';
import { transliterate, searchText } from '../domain/transliterate';
import { Indicator, Municipality, Procedure, Programme, ReferenceData } from '../entities';
import type { SourceEntry } from './project-file';
import { upsertSources } from './staged-sources';
import { contentHash } from '../domain/stable-json';
import { DATA_CHANGED_CHANNEL } from '../graphql/response-cache';

interface ReferenceFile {
  sources: SourceEntry[];
  procedure: { code: string; name: string; nameEn: string; component: string; source: string };
  programmes: { code: string; shortCode: string; name: string; nameEn: string; abbreviation: string; fund: string }[];
  municipalities: { file: string; populationSource: string };
}

const MUNICIPALITY_COLUMNS = [
  'municipality_code',
  'name_bg',
  'name_latin',
  'oblast_code',
  'oblast_name_bg',
  'oblast_name_latin',
  'nuts1',
  'nuts2',
  'nuts3',
  'admin_centre_ekatte',
  'ekatte_category',
  'population_census_2021',
  'population_reference_date',
];

/**
 * Loads `seeds/reference/` (procedure, programmes, indicator catalogue, the 265 municipalities) when
 * it differs from what the database holds; otherwise does nothing.
 */
export async function loadReferenceData(manager: EntityManager, seedsDir: string): Promise<boolean> {
  const dir = path.join(seedsDir, 'reference');
  const reference = JSON.parse(fs.readFileSync(path.join(dir, 'reference.json'), 'utf8')) as ReferenceFile;
  const indicators = JSON.parse(fs.readFileSync(path.join(dir, 'indicators.json'), 'utf8')) as Omit<Indicator, 'id'>[];
  const csv = fs.readFileSync(path.join(dir, reference.municipalities.file), 'utf8');
  const hash = contentHash({ reference, indicators, csv });
  const loaded = await manager.findOne(ReferenceData, { where: { name: 'reference' } });
  if (loaded?.contentHash === hash) return false;

  await upsertSources(manager, reference.sources);
  const { source, ...procedure } = reference.procedure;
  await manager.upsert(
    Procedure,
    [{ ...procedure, nameLatin: transliterate(procedure.name), sourceKey: source }],
    ['code'],
  );
  await manager.upsert(
    Programme,
    reference.programmes.map((programme) => ({ ...programme, nameLatin: transliterate(programme.name) })),
    ['code'],
  );
  await manager.upsert(Indicator, indicators, ['code']);
  await manager.upsert(Municipality, parseMunicipalities(csv, reference.municipalities.populationSource), ['code']);
  await manager.upsert(ReferenceData, [{ name: 'reference', contentHash: hash, loadedAt: new Date() }], ['name']);
  // The reference tables' longest texts, for the cost analysis (no project or source written: only they).
  await growDataMeasures(manager, manager.connection, [], []);
  await bumpDataRevision(manager);
  await manager.query(`NOTIFY ${DATA_CHANGED_CHANNEL}`);
  return true;
}

export function parseMunicipalities(csv: string, populationSource: string): Partial<Municipality>[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  if (header !== MUNICIPALITY_COLUMNS.join(',')) throw new Error(`municipalities.csv: unexpected header "${header}"`);
  return lines.map((line, index) => {
    const cells = line.split(',');
    if (cells.length !== MUNICIPALITY_COLUMNS.length)
      throw new Error(`municipalities.csv line ${index + 2}: expected ${MUNICIPALITY_COLUMNS.length} columns`);
    const row = Object.fromEntries(MUNICIPALITY_COLUMNS.map((column, i) => [column, cells[i]]));
    const population = row.population_census_2021 === '' ? null : Number(row.population_census_2021);
    return {
      code: row.municipality_code,
      name: row.name_bg,
      nameLatin: row.name_latin,
      oblastCode: row.oblast_code,
      oblastName: row.oblast_name_bg,
      oblastNameLatin: row.oblast_name_latin,
      nuts1: row.nuts1,
      nuts2: row.nuts2,
      nuts3: row.nuts3,
      adminCentreEkatte: row.admin_centre_ekatte,
      population,
      populationReferenceDate: population === null ? null : row.population_reference_date,
      populationSourceKey: population === null ? null : populationSource,
      searchText: searchText(row.name_bg, row.name_latin),
    };
  });
}
