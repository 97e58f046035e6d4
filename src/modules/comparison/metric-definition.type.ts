import { Extensions, Field, ObjectType } from 'type-graphql';
import { MetricUnit, RankDirection } from './comparison.enums';
import { MetricKey, METRICS } from './metrics';

/** The bytes of the longest text of the definitions (a field's size in the cost analysis). */
const longest = (text: (definition: (typeof METRICS)[MetricKey]) => string | null): number =>
  Math.max(...Object.values(METRICS).map((definition) => Buffer.byteLength(JSON.stringify(text(definition) ?? ''))));

@ObjectType({ simpleResolvers: true, description: 'A comparison metric: what it measures and how it is computed.' })
export class MetricDefinition {
  @Field(() => MetricKey, { description: 'Stable key.' })
  key: MetricKey;

  @Extensions({ size: longest((definition) => definition.name) })
  @Field({ description: 'Name in Bulgarian.' })
  name: string;

  @Extensions({ size: longest((definition) => definition.nameEn) })
  @Field({ description: 'Name in English.' })
  nameEn: string;

  @Extensions({ size: longest((definition) => definition.description) })
  @Field({ description: 'What the metric measures and its caveats, in English.' })
  description: string;

  @Field(() => MetricUnit, { description: 'Unit of the values.' })
  unit: MetricUnit;

  @Extensions({ size: longest((definition) => definition.numerator) })
  @Field({ description: 'The numerator in words, naming the funding and indicator codes used.' })
  numerator: string;

  @Extensions({ size: longest((definition) => definition.denominator) })
  @Field(() => String, { nullable: true, description: 'The denominator in words; null for a plain quantity.' })
  denominator: string | null;

  @Field(() => RankDirection, { description: 'Which end gets rank 1.' })
  rankDirection: RankDirection;

  @Field({ description: 'Whether values come from outcome figures and so depend on the basis (planned or achieved).' })
  usesBasis: boolean;

  static of(key: MetricKey): MetricDefinition {
    const { name, nameEn, description, unit, numerator, denominator, rankDirection, usesBasis } = METRICS[key];
    return Object.assign(new MetricDefinition(), {
      key,
      name,
      nameEn,
      description,
      unit,
      numerator,
      denominator,
      rankDirection,
      usesBasis,
    });
  }
}
