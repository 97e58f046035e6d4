import { Field, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { FundingKind, Qualifier } from '../domain/enums';
import { decimalString } from '../db/transformers';
import { Node } from './node';
import { ProjectFact } from './project-fact';
import type { Programme } from './programme.entity';

/**
 * An amount as a source states it: project × programme (or none, for the whole project) × kind
 * (TOTAL, EU, NATIONAL). "Per programme" and "EU vs national" splits sit side by side; the one a
 * source does not give is simply absent, never derived.
 */
@ObjectType({
  simpleResolvers: true,
  implements: [ProjectFact, Node],
  description:
    'A budget amount as one source states it: for the whole project or one programme, the total or the EU or national share.',
})
@Entity('funding_amounts')
@Index('idx_funding_amounts_project_id', ['projectId'])
@Check('chk_funding_amounts_amount_non_negative', '"amount" >= 0')
export class FundingAmount extends ProjectFact {
  /** Programme the amount belongs to; null when it is for the whole project. */
  @Column('text', { nullable: true })
  programmeCode: string | null;

  @ManyToOne('Programme', { nullable: true })
  @JoinColumn({ name: 'programme_code' })
  programme?: Programme;

  @Field(() => FundingKind, { description: 'TOTAL, EU share or NATIONAL share.' })
  @Column('text')
  kind: FundingKind;

  /** Exact amount in `currency` as published (NUMERIC, 2 decimals). */
  @Column('numeric', { precision: 14, scale: 2, transformer: decimalString })
  amount: string;

  /** Currency the source used: `BGN`, or `EUR` for EU portals (converted by them at their own rate, ≈1.9608). */
  @Column('text')
  currency: string;

  @Field(() => Qualifier, {
    description:
      'EXACT, AT_LEAST ("над …"), AT_MOST (a ceiling: "в размер до …") or APPROXIMATE ("близо …", or a figure published rounded).',
  })
  @Column('text')
  qualifier: Qualifier;
}
