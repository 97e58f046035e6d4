import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { ENUM_LABELS } from '../../web/src/labels';
import { METRIC_FORMULA } from '../../src/modules/comparison/labels';
import { METRICS } from '../../src/modules/comparison/metrics';

/**
 * Every code the API can return has words in Bulgarian and English (kept beside the enums), so that no
 * page shows a raw code: each enum of the committed schema, each of its values.
 */
describe('labels of every enum value', () => {
  const schema = buildSchema(fs.readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
  const enums = Object.values(schema.getTypeMap()).filter(
    (type): type is import('graphql').GraphQLEnumType => isEnumType(type) && !type.name.startsWith('__'),
  );
  const cyrillic = /[А-Яа-я]/;

  it.each(enums.filter((type) => type.name !== 'MetricKey').map((type) => [type.name, type]))(
    '%s: every value in both languages',
    (_name, type) => {
      const labels = ENUM_LABELS[type.name];
      expect(labels).toBeDefined();
      for (const value of type.getValues()) {
        const label = labels[value.name];
        expect([value.name, label && label.length]).toEqual([value.name, 2]);
        const [bg, en] = label;
        // Words, not the code again: Bulgarian in Cyrillic (units may be symbols), English without it
        // (but for a quoted Bulgarian word such as “до”).
        if (!/^[%{}c ]+$/.test(bg)) expect([value.name, cyrillic.test(bg)]).toEqual([value.name, true]);
        expect([value.name, cyrillic.test(en.replace(/“[^”]*”/g, ''))]).toEqual([value.name, false]);
        expect(bg).not.toBe(value.name);
        expect(en).not.toBe(value.name);
      }
      // No label for a value the schema no longer has.
      expect(Object.keys(labels).sort()).toEqual(
        type
          .getValues()
          .map((value) => value.name)
          .sort(),
      );
    },
  );

  it('MetricKey: every metric has its names (the catalogue) and its formula in words in both languages', () => {
    const keys = (schema.getType('MetricKey') as import('graphql').GraphQLEnumType).getValues().map((v) => v.name);
    for (const key of keys) {
      const metric = METRICS[key as keyof typeof METRICS];
      expect(cyrillic.test(metric.name)).toBe(true);
      expect(cyrillic.test(metric.nameEn)).toBe(false);
      const formula = METRIC_FORMULA[key as keyof typeof METRIC_FORMULA];
      expect(cyrillic.test(formula.numerator[0])).toBe(true);
      expect(cyrillic.test(formula.numerator[1])).toBe(false);
      // A ratio's denominator is said too; a plain figure has none.
      expect(formula.denominator === null).toBe(metric.denominator === null);
    }
  });
});
