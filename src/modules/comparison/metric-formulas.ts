import { MetricUnit, type RankDirection } from './comparison.enums';
import { divide, type Figure, type Part, sum } from './figures';
import type { ProjectFigures } from './project-figures';

/** The shape of a metric's definition (metrics.ts) and the few forms its computation takes. */

/** What a metric reads beyond every project's amounts and dates. */
export interface MetricInputs {
  indicators?: string[];
  partnerTypes?: string[];
}

/** A metric's value for one municipality, with the numerator and denominator shown beside it (each in its unit). */
export interface MetricFigure {
  value: Figure;
  numerator: Part;
  denominator: Part | null;
}

export interface Definition {
  name: string;
  nameEn: string;
  description: string;
  unit: MetricUnit;
  numerator: string;
  denominator: string | null;
  rankDirection: RankDirection;
  /** Whether the value comes from outcome figures that are planned or achieved. */
  usesBasis: boolean;
  inputs?: MetricInputs;
  compute: (projects: ProjectFigures[]) => MetricFigure;
}

export const perProject = (projects: ProjectFigures[], figure: (project: ProjectFigures) => Figure) =>
  sum(projects.map(figure));
export const plain = (value: Figure, unit: MetricUnit): MetricFigure => ({
  value,
  numerator: { figure: value, unit },
  denominator: null,
});
export const ratio = (numerator: Part, denominator: Part, scale = 1n): MetricFigure => ({
  value: divide(numerator.figure, denominator.figure, scale),
  numerator,
  denominator,
});
export const money = (figure: Figure): Part => ({ figure, unit: MetricUnit.MONEY });
export const persons = (figure: Figure): Part => ({ figure, unit: MetricUnit.PERSONS });
