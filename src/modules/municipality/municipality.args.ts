import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../project/project.args';

export enum MunicipalityOrderField {
  CODE = 'CODE',
  NAME = 'NAME',
  POPULATION = 'POPULATION',
}
registerEnumType(MunicipalityOrderField, {
  name: 'MunicipalityOrderField',
  description: 'What municipalities can be sorted by.',
  valuesConfig: {
    CODE: { description: 'NSI code (the default).' },
    NAME: { description: 'Bulgarian name.' },
    POPULATION: { description: 'Census 2021 population.' },
  },
});

@InputType({ description: 'Sort order of municipalities.' })
export class MunicipalityOrder {
  @Field(() => MunicipalityOrderField, { description: 'What to sort by.' })
  field: MunicipalityOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Direction (default ASC).' })
  direction: OrderDirection = OrderDirection.ASC;
}

@InputType({ description: 'Conditions a municipality must meet (all that are given).' })
export class MunicipalityFilter {
  @Field(() => [String], { nullable: true, description: 'NSI codes, e.g. `["SZR12", "SML31"]`.' })
  codes?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Oblast code (`SZR`) or oblast name in Bulgarian or Latin ("Стара Загора", "Stara Zagora").',
  })
  oblast?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Part of the name, case-insensitive, Cyrillic or Latin ("казан", "kazan").',
  })
  nameContains?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only municipalities with a project in the dataset; false: only those without.',
  })
  hasProjects?: boolean;
}
