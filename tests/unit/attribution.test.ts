import { describe, expect, it } from 'vitest';
import { withoutAttribution } from '../../core/text/attribution';

describe('attribution', () => {
  it('leaves out who said it at the end of a line', () => {
    expect(withoutAttribution('Визит Путина в Индию готовится, точных дат пока нет, сообщил Песков')).toBe('Визит Путина в Индию готовится, точных дат пока нет');
    expect(withoutAttribution('Президент Южной Кореи объявил о введении военного положения, передает агентство Рёнхап.\nПодробности позже')).toBe(
      'Президент Южной Кореи объявил о введении военного положения\nПодробности позже',
    );
    expect(withoutAttribution('Китай изучает санкции против России, пишет The Wall Street Journal')).toBe('Китай изучает санкции против России');
  });

  it('keeps a saying verb whose object is content, and a line that goes on', () => {
    expect(withoutAttribution('Песков заявил, что визит готовится')).toBe('Песков заявил, что визит готовится');
    expect(withoutAttribution('Минобороны сообщило о сбитых беспилотниках')).toBe('Минобороны сообщило о сбитых беспилотниках');
    expect(withoutAttribution('Об этом сообщил Песков журналистам в Кремле')).toBe('Об этом сообщил Песков журналистам в Кремле');
    expect(withoutAttribution('Эрозия доллара набирает силу — Песков')).toBe('Эрозия доллара набирает силу — Песков');
  });
});
