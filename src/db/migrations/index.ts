import type { MigrationInterface } from 'typeorm';
import { Initial1795351660844 } from './1795351660844-initial';
import { DropProjectJsonDefaults1795352278028 } from './1795352278028-drop-project-json-defaults';
import { ProjectOrigin1796159578608 } from './1796159578608-project-origin';
import { ComparisonCells1796163528464 } from './1796163528464-comparison-cells';
import { ApiTokens1796165086002 } from './1796165086002-api-tokens';
import { SourceTexts1796165729304 } from './1796165729304-source-texts';
import { ProjectOrderIndexes1796170000000 } from './1796170000000-project-order-indexes';
import { ProjectProgrammes1796171000000 } from './1796171000000-project-programmes';
import { AggregateIndexes1796172000000 } from './1796172000000-aggregate-indexes';
import { ProjectDocumentText1796173000000 } from './1796173000000-project-document-text';
import { ProjectAmounts1796174000000 } from './1796174000000-project-amounts';
import { DataSizes1796175000000 } from './1796175000000-data-sizes';
import { DataRevision1796176000000 } from './1796176000000-data-revision';
import { ProjectTotal1796177000000 } from './1796177000000-project-total';

// Every migration, oldest first. Never edit one that has been committed: add a new one.
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795351660844,
  DropProjectJsonDefaults1795352278028,
  ProjectOrigin1796159578608,
  ComparisonCells1796163528464,
  ApiTokens1796165086002,
  SourceTexts1796165729304,
  ProjectOrderIndexes1796170000000,
  ProjectProgrammes1796171000000,
  AggregateIndexes1796172000000,
  ProjectDocumentText1796173000000,
  ProjectAmounts1796174000000,
  DataSizes1796175000000,
  DataRevision1796176000000,
  ProjectTotal1796177000000,
];
