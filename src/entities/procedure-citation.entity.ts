import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Node } from './node';
import { ProjectFact } from './project-fact';

/** A source naming procedure BG05M9OP001-2.056 / Component 2 for the project: the ground for CONFIRMED. */
@ObjectType({
  simpleResolvers: true,
  implements: [ProjectFact, Node],
  description:
    'A source that names the procedure for a project, with the words it uses; the ground for `Confirmation.CONFIRMED`.',
})
@Entity('procedure_citations')
@Index('idx_procedure_citations_project_id', ['projectId'])
export class ProcedureCitation extends ProjectFact {
  @Field({ description: 'The words of the source naming the procedure.' })
  @Column('text')
  quote: string;
}
