import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { fromGlobalId } from '../../domain/global-id';
import {
  Activity,
  Contract,
  FundingAmount,
  IndicatorValue,
  Partnership,
  PeriodStatement,
  ProcedureCitation,
  ProjectRevision,
  QualityFlag,
  TargetGroup,
} from '../../entities';
import { Node } from '../../entities/node';
import { badUserInput } from '../../errors/codes';
import type { Context } from '../context';

/** Rows belonging to a project, each a Node too. */
const CHILD_TYPES: Record<string, new () => object> = {
  Activity,
  Contract,
  FundingAmount,
  IndicatorValue,
  Partnership,
  PeriodStatement,
  ProcedureCitation,
  ProjectRevision,
  QualityFlag,
  TargetGroup,
};

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Any object by its global ID (Relay); null when it no longer exists.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global ID returned by this API.' }) id: string,
    @Ctx() { loaders, services }: Context,
  ): Promise<Node | null> {
    const decoded = fromGlobalId(id);
    if (!decoded) throw badUserInput('id', 'is not a global ID of this API');
    const { type, key } = decoded;
    const numeric = /^\d+$/.test(key) ? Number(key) : NaN;
    switch (type) {
      case 'Project':
        return Number.isNaN(numeric) ? null : loaders.projectById.load(numeric);
      case 'Organisation':
        return Number.isNaN(numeric) ? null : loaders.organisationById.load(numeric);
      case 'Municipality':
        return loaders.municipalityByCode.load(key);
      case 'Source':
        return loaders.sourceByKey.load(key);
      case 'Programme':
        return loaders.programmeByCode.load(key);
      case 'Procedure':
        return loaders.procedureByCode.load(key);
      case 'Indicator':
        return loaders.indicatorByCode.load(key);
      default: {
        const child = CHILD_TYPES[type];
        if (!child) throw badUserInput('id', 'is not a global ID of this API');
        return Number.isNaN(numeric) ? null : (services.facts.childById(child, numeric) as Promise<Node | null>);
      }
    }
  }
}
