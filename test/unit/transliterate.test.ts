import { searchText, transliterate } from '../../src/domain/transliterate';

describe('Bulgarian official transliteration', () => {
  it('follows the Streamlined System, including щ, ъ, ц, ж and final -ия', () => {
    expect(transliterate('Казанлък')).toBe('Kazanlak');
    expect(transliterate('Щурче')).toBe('Shturche');
    expect(transliterate('Смолян')).toBe('Smolyan');
    expect(transliterate('България и София')).toBe('Bulgaria i Sofia');
    expect(transliterate('Юрий Гагарин')).toBe('Yuriy Gagarin');
    expect(transliterate('Цар Калоян, Жеравна')).toBe('Tsar Kaloyan, Zheravna');
  });

  it('keeps capitals, digits, punctuation and Latin text', () => {
    expect(transliterate('ДЕТСКА ГРАДИНА № 21 “ВИХРОГОНЧЕ”')).toBe('DETSKA GRADINA № 21 “VIHROGONCHE”');
    expect(transliterate('ОП РЧР 2014-2020 (ESF)')).toBe('OP RCHR 2014-2020 (ESF)');
    expect(transliterate('Пловдивска')).toBe('Plovdivska');
  });

  it('builds search text that matches in either script, case-insensitively', () => {
    const text = searchText('Успяваме заедно');
    expect(text).toContain('успяваме');
    expect(text).toContain('uspyavame');
  });
});
