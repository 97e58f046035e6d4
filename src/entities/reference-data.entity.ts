import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which version of each reference table (municipalities, indicators, programmes) is loaded. */
@Entity('reference_data')
export class ReferenceData {
  @PrimaryColumn('text')
  name: string;

  @Column('text')
  contentHash: string;

  @Column('timestamptz')
  loadedAt: Date;
}
