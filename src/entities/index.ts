import { Activity } from './activity.entity';
import { ApiToken } from './api-token.entity';
import { ComparisonCellDetailsRecord, ComparisonCellRecord, ComparisonRowRecord } from './comparison-cell.entity';
import { Contract } from './contract.entity';
import { FundingAmount } from './funding-amount.entity';
import { Indicator } from './indicator.entity';
import { IndicatorValue } from './indicator-value.entity';
import { Municipality } from './municipality.entity';
import { Organisation } from './organisation.entity';
import { Partnership } from './partnership.entity';
import { PeriodStatement } from './period-statement.entity';
import { Procedure } from './procedure.entity';
import { ProcedureCitation } from './procedure-citation.entity';
import { Programme } from './programme.entity';
import { Project } from './project.entity';
import { ProjectRevision } from './project-revision.entity';
import { QualityFlag } from './quality-flag.entity';
import { ReferenceData } from './reference-data.entity';
import { Source, SourceRevision, SourceText } from './source.entity';
import { TargetGroup } from './target-group.entity';

export {
  Activity,
  ApiToken,
  ComparisonCellDetailsRecord,
  ComparisonCellRecord,
  ComparisonRowRecord,
  Contract,
  FundingAmount,
  Indicator,
  IndicatorValue,
  Municipality,
  Organisation,
  Partnership,
  PeriodStatement,
  Procedure,
  ProcedureCitation,
  Programme,
  Project,
  ProjectRevision,
  QualityFlag,
  ReferenceData,
  Source,
  SourceRevision,
  SourceText,
  TargetGroup,
};

export const ENTITIES = [
  Activity,
  ApiToken,
  ComparisonCellDetailsRecord,
  ComparisonCellRecord,
  ComparisonRowRecord,
  Contract,
  FundingAmount,
  Indicator,
  IndicatorValue,
  Municipality,
  Organisation,
  Partnership,
  PeriodStatement,
  Procedure,
  ProcedureCitation,
  Programme,
  Project,
  ProjectRevision,
  QualityFlag,
  ReferenceData,
  Source,
  SourceRevision,
  SourceText,
  TargetGroup,
];
