/**
 * The largest texts and lists the stored data hold, by name ("comparison.rows", "text:Project.title"):
 * refreshed at start and after every import by the modules that own them. `version` changes with
 * every refresh, so that a cost counted with old sizes is not reused.
 */
export class DataSizes {
  private readonly values = new Map<string, number>();
  version = 0;

  get(name: string, fallback: number): number {
    return this.values.get(name) ?? fallback;
  }

  update(values: Record<string, number>): void {
    for (const [name, value] of Object.entries(values)) this.values.set(name, value);
    this.version += 1;
  }
}
