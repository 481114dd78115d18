import { PERSON_ROLES } from '@vt/contracts';
import {
  AARD_VAN_HET_GEWELD_CODES,
  AARD_VAN_HET_GEWELD_V1,
  CHANNEL_CODES,
  CHANNELS_V1,
  checkAardVanHetGeweld,
  checkChannel,
  checkCode,
  checkCodes,
  checkMelder,
  CODE_LISTS_BY_VERSION,
  CodeList,
  CURRENT_CODE_LISTS,
  GEWELD_TAG_CODES,
  GEWELD_TAGS_V1,
  labelOf,
  MELDER_ROLE_CODES,
  MELDER_SECTOR_CODES,
  MELDER_SECTORS_V1,
  PERSON_ROLES_V1,
  SEAL_REASON_CODES,
  SEAL_REASONS_V1,
} from './code-lists';

const lists: CodeList[] = Object.values(CURRENT_CODE_LISTS);
const codesOf = (list: CodeList): string[] => list.entries.map((entry) => entry.code);

describe('code lists as versioned data', () => {
  it.each(lists.map((list) => [list.id, list] as const))('given list %s, when read, then it has a version of its own id and an ISO valid-from date', (id, list) => {
    expect(list.version).toMatch(new RegExp(`^${id}/\\d+$`));
    expect(list.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each(lists.map((list) => [list.id, list] as const))('given list %s, when read, then every code is unique kebab-case with a Dutch label', (_id, list) => {
    const codes = codesOf(list);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of list.entries) {
      expect(entry.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(entry.label.trim()).not.toBe('');
    }
  });

  it('given the versions, when looked up by version id, then each current list is found', () => {
    for (const list of lists) expect(CODE_LISTS_BY_VERSION.get(list.version)).toBe(list);
  });

  it('given aard van het geweld, when read, then it holds the eight CBS main categories in order', () => {
    expect(codesOf(AARD_VAN_HET_GEWELD_V1)).toEqual([...AARD_VAN_HET_GEWELD_CODES]);
    expect(AARD_VAN_HET_GEWELD_V1.entries.map((e) => e.label)).toEqual([
      'Kindermishandeling',
      'Geweld tegen ouders',
      '(Ex-)partnergeweld',
      'Ouderenmishandeling',
      'Huiselijk geweld overig',
      'Andere problematiek',
      'Geen kindermishandeling/huiselijk geweld',
      'Onbekend',
    ]);
  });

  it('given the additional tags, when read, then all eleven are there', () => {
    expect(codesOf(GEWELD_TAGS_V1)).toEqual([...GEWELD_TAG_CODES]);
    expect(GEWELD_TAGS_V1.entries).toHaveLength(11);
    expect(labelOf(GEWELD_TAGS_V1, 'mensenhandel-loverboy')).toBe('Mensenhandel / loverboy');
  });

  it('given the melder sectors, roles and seal reasons, when read, then they match their code constants', () => {
    expect(codesOf(MELDER_SECTORS_V1)).toEqual([...MELDER_SECTOR_CODES]);
    expect(codesOf(CURRENT_CODE_LISTS.melderRoles)).toEqual([...MELDER_ROLE_CODES]);
    expect(codesOf(SEAL_REASONS_V1)).toEqual([...SEAL_REASON_CODES]);
    expect(labelOf(MELDER_SECTORS_V1, 'ander-vt-regio')).toBe('Andere Veilig Thuis-regio');
  });

  it('given the person roles, when compared with the event contract, then the codes are the same', () => {
    expect(codesOf(PERSON_ROLES_V1)).toEqual([...PERSON_ROLES]);
  });

  it('given the channels, when read, then only chat is restricted to advice', () => {
    expect(codesOf(CHANNELS_V1)).toEqual([...CHANNEL_CODES]);
    expect(CHANNELS_V1.entries.filter((e) => !e.allows.includes('melding')).map((e) => e.code)).toEqual(['chat']);
  });
});

describe('checkCode and checkCodes', () => {
  it('given a known code, when checked, then it is accepted', () => {
    expect(checkCode(GEWELD_TAGS_V1, 'stalking')).toEqual({ ok: true, value: 'stalking' });
  });

  it('given a label instead of a code, when checked, then it is refused naming the list and the allowed codes', () => {
    const result = checkCode(GEWELD_TAGS_V1, 'Stalking');
    expect(result).toMatchObject({ ok: false, problem: { code: 'unknown-code' } });
    if (!result.ok) expect(result.problem.message).toContain('geweld-tags/1');
  });

  it('given the same tag twice, when checked, then it is refused as a duplicate', () => {
    expect(checkCodes(GEWELD_TAGS_V1, ['stalking', 'stalking'])).toMatchObject({ ok: false, problem: { code: 'duplicate-code' } });
  });

  it('given no tags, when checked without a minimum, then the empty choice is accepted', () => {
    expect(checkCodes(GEWELD_TAGS_V1, [])).toEqual({ ok: true, value: [] });
  });
});

describe('checkAardVanHetGeweld', () => {
  it('given two categories, when checked, then both are accepted in the order given', () => {
    expect(checkAardVanHetGeweld(['ex-partnergeweld', 'kindermishandeling'])).toEqual({ ok: true, value: ['ex-partnergeweld', 'kindermishandeling'] });
  });

  it('given no category, when checked, then at least one is asked for', () => {
    expect(checkAardVanHetGeweld([])).toMatchObject({ ok: false, problem: { code: 'no-code' } });
  });

  it.each(['onbekend', 'geen-kindermishandeling-huiselijk-geweld'])('given "%s" alone, when checked, then it is accepted', (code) => {
    expect(checkAardVanHetGeweld([code])).toEqual({ ok: true, value: [code] });
  });

  it.each(['onbekend', 'geen-kindermishandeling-huiselijk-geweld'])('given "%s" with another category, when checked, then the combination is refused', (code) => {
    expect(checkAardVanHetGeweld(['kindermishandeling', code])).toMatchObject({ ok: false, problem: { code: 'exclusive-code-combined' } });
  });

  it('given an unknown category, when checked, then it is refused', () => {
    expect(checkAardVanHetGeweld(['loverboy'])).toMatchObject({ ok: false, problem: { code: 'unknown-code' } });
  });
});

describe('checkChannel', () => {
  it.each(['telefoon', 'systeem-naar-systeem', 'persoonlijk'])('given a melding through %s, when checked, then it is accepted', (channel) => {
    expect(checkChannel(channel, 'melding')).toEqual({ ok: true, value: channel });
  });

  it('given an adviesvraag through chat, when checked, then it is accepted', () => {
    expect(checkChannel('chat', 'adviesvraag')).toEqual({ ok: true, value: 'chat' });
  });

  it('given a melding through chat, when checked, then it is refused: chat is advice only', () => {
    expect(checkChannel('chat', 'melding')).toMatchObject({ ok: false, problem: { code: 'channel-advice-only' } });
  });

  it('given an unknown channel, when checked, then it is refused', () => {
    expect(checkChannel('email', 'adviesvraag')).toMatchObject({ ok: false, problem: { code: 'unknown-code' } });
  });
});

describe('checkMelder', () => {
  it('given a police officer with an open identity, when checked, then the melder is accepted', () => {
    expect(checkMelder({ kind: 'professional', sector: 'politie-justitie', role: 'melder', identitySealed: false })).toEqual({
      ok: true,
      value: { kind: 'professional', sector: 'politie-justitie', role: 'melder', identitySealed: false },
    });
  });

  it('given a neighbour who fears for the relationship, when checked with a sealed identity, then the reason is kept', () => {
    expect(checkMelder({ kind: 'niet-professional', role: 'melder', identitySealed: true, sealReason: 'persoonlijke-relatie' })).toEqual({
      ok: true,
      value: { kind: 'niet-professional', role: 'melder', identitySealed: true, sealReason: 'persoonlijke-relatie' },
    });
  });

  it('given a professional without a sector, when checked, then the sector is asked for', () => {
    expect(checkMelder({ kind: 'professional', role: 'melder', identitySealed: false })).toMatchObject({ ok: false, problem: { code: 'melder-sector-missing' } });
  });

  it('given a professional with an unknown sector, when checked, then it is refused', () => {
    expect(checkMelder({ kind: 'professional', sector: 'brandweer', role: 'melder', identitySealed: false })).toMatchObject({ ok: false, problem: { code: 'unknown-code' } });
  });

  it('given a non-professional with a sector, when checked, then the sector is refused', () => {
    expect(checkMelder({ kind: 'niet-professional', sector: 'onderwijs', role: 'melder', identitySealed: false })).toMatchObject({
      ok: false,
      problem: { code: 'melder-sector-not-applicable' },
    });
  });

  it('given an unknown melder kind or role, when checked, then it is refused', () => {
    expect(checkMelder({ kind: 'anoniem', role: 'melder', identitySealed: false })).toMatchObject({ ok: false, problem: { code: 'unknown-code' } });
    expect(checkMelder({ kind: 'niet-professional', role: 'getuige', identitySealed: false })).toMatchObject({ ok: false, problem: { code: 'unknown-code' } });
  });

  it('given a sealed identity without a reason, when checked, then the reason is asked for', () => {
    expect(checkMelder({ kind: 'professional', sector: 'onderwijs', role: 'informant', identitySealed: true })).toMatchObject({ ok: false, problem: { code: 'seal-reason-missing' } });
  });

  it('given a sealed identity with an unknown reason, when checked, then it is refused', () => {
    expect(checkMelder({ kind: 'niet-professional', role: 'melder', identitySealed: true, sealReason: 'geen-zin' })).toMatchObject({ ok: false, problem: { code: 'unknown-code' } });
  });

  it('given a seal reason while the identity is open, when checked, then the reason is refused', () => {
    expect(checkMelder({ kind: 'niet-professional', role: 'melder', identitySealed: false, sealReason: 'gevaar-voor-melder' })).toMatchObject({
      ok: false,
      problem: { code: 'seal-reason-without-seal' },
    });
  });

  it('given seal reason "overig" without an explanation, when checked, then the explanation is asked for', () => {
    expect(checkMelder({ kind: 'niet-professional', role: 'melder', identitySealed: true, sealReason: 'overig', sealExplanation: '  ' })).toMatchObject({
      ok: false,
      problem: { code: 'seal-explanation-missing' },
    });
  });

  it('given seal reason "overig" with an explanation, when checked, then the trimmed explanation is kept', () => {
    expect(checkMelder({ kind: 'niet-professional', role: 'melder', identitySealed: true, sealReason: 'overig', sealExplanation: ' werkt bij dezelfde werkgever ' })).toMatchObject({
      ok: true,
      value: { sealReason: 'overig', sealExplanation: 'werkt bij dezelfde werkgever' },
    });
  });
});
