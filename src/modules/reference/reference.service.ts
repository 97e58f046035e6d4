import { type EntityManager, In } from 'typeorm';
import { Indicator, Procedure, Programme, Source } from '../../entities';

/** Reference tables: procedure, programmes, indicator catalogue, sources. */
export class ReferenceService {
  constructor(private readonly manager: EntityManager) {}

  procedure(code: string): Promise<Procedure | null> {
    return this.manager.findOne(Procedure, { where: { code } });
  }

  procedures(): Promise<Procedure[]> {
    return this.manager.find(Procedure, { order: { code: 'ASC' } });
  }

  programmes(): Promise<Programme[]> {
    return this.manager.find(Programme, { order: { code: 'DESC' } });
  }

  programmesByCodes(codes: readonly string[]): Promise<Programme[]> {
    return this.manager.find(Programme, { where: { code: In([...codes]) } });
  }

  indicators(): Promise<Indicator[]> {
    return this.manager.find(Indicator, { order: { domain: 'ASC', code: 'ASC' } });
  }

  indicatorsByCodes(codes: readonly string[]): Promise<Indicator[]> {
    return this.manager.find(Indicator, { where: { code: In([...codes]) } });
  }

  sourcesByKeys(keys: readonly string[]): Promise<Source[]> {
    return this.manager.find(Source, { where: { key: In([...keys]) } });
  }
}
