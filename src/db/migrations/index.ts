import type { MigrationInterface } from 'typeorm';
import { Initial1795351660844 } from './1795351660844-initial';

// Every migration, oldest first. Never edit one that has been committed: add a new one.
export const MIGRATIONS: (new () => MigrationInterface)[] = [Initial1795351660844];
