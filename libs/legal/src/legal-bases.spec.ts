import { readFileSync } from 'node:fs';
import { ERASURE_REASONS, PARTNER_TYPES } from '@vt/contracts';
import { DEFAULT_LEGAL_BASES_FILE, JURISDICTIONS, LEGAL_BASIS_KEYS, loadLegalBases, jurisdictionOf, parseLegalBases } from './legal-bases';

const document = (): { jurisdictions: Record<string, { bases: Record<string, Record<string, unknown>> }> } & Record<string, unknown> =>
  JSON.parse(readFileSync(DEFAULT_LEGAL_BASES_FILE, 'utf8'));

describe('the legal bases configuration (config/legal-bases.json)', () => {
  const bases = loadLegalBases({});

  it('given the configured file, when it is loaded, then every key the system cites is present in every jurisdiction (plan: Islands; DOMAIN.md: Deadlines to encode, Data protection)', () => {
    for (const jurisdiction of JURISDICTIONS) {
      for (const key of LEGAL_BASIS_KEYS) {
        const basis = bases.basis(jurisdiction, key);
        expect(basis.citation.trim()).not.toBe('');
        expect(basis.source.trim()).not.toBe('');
        expect(basis.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    // The keys follow the contracts: every erasure reason and every partner type has its basis.
    expect(LEGAL_BASIS_KEYS).toEqual(expect.arrayContaining([...ERASURE_REASONS.map((r) => `erasure.${r}`), ...PARTNER_TYPES.map((t) => `disclosure.${t}`)]));
  });

  it('given Caribisch Nederland, when any basis is cited, then it never names the Wmo 2015 (DOMAIN.md: Caribisch Nederland has its own framework; the Wmo 2015 does not apply there)', () => {
    for (const key of LEGAL_BASIS_KEYS) {
      const basis = bases.basis('bes', key);
      expect(basis.cited).not.toMatch(/Wmo/);
      expect(basis.warnings.join(' ')).not.toMatch(/Wmo/);
      // Nor the AVG or the Wet tijdelijk huisverbod as a citation: neither applies on the islands.
      expect(basis.citation).not.toMatch(/\bAVG\b|Wet tijdelijk huisverbod/);
    }
  });

  it('given an unconfirmed basis, when it is cited, then the citation says [verify] and its warning names the key, the jurisdiction and what is unconfirmed (plan: never present an invented fact as real)', () => {
    const unconfirmed = LEGAL_BASIS_KEYS.map((key) => bases.basis('bes', key)).filter((basis) => basis.verify !== undefined);
    // Nothing could be confirmed to the article for the islands: only the court order stands unmarked.
    expect(unconfirmed.map((basis) => basis.key)).toEqual(LEGAL_BASIS_KEYS.filter((key) => key !== 'erasure.rechterlijke-uitspraak'));
    for (const basis of unconfirmed) {
      expect(basis.cited).toBe(`${basis.citation} [verify]`);
      expect(basis.warnings).toEqual([`legal basis ${basis.key} for Caribisch Nederland is unconfirmed [verify]: ${basis.citation}; ${basis.verify}`]);
    }
    expect(bases.basis('bes', 'clock.veiligheidsbeoordeling')).toMatchObject({
      citation: 'Besluit maatschappelijke ondersteuning en bestrijding huiselijk geweld en kindermishandeling BES (Stb. 2024, 342)',
      validFrom: '2025-01-01',
    });
  });

  it('given the European Netherlands, when the bases are cited, then they are the ones the system cited before, unmarked (plan: for the European Netherlands as today)', () => {
    const cited = Object.fromEntries(LEGAL_BASIS_KEYS.map((key) => [key, bases.basis('nl', key).cited]));
    expect(cited).toMatchObject({
      'clock.veiligheidsbeoordeling': 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7',
      'clock.onderzoek': 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 2',
      'clock.informeren-betrokkenen': 'Wmo 2015 art. 5.3.1',
      'clock.vernietigingsverzoek': 'Wmo 2015 art. 5.3.5',
      'clock.tijdelijk-huisverbod': 'Wet tijdelijk huisverbod art. 2',
      'erasure.verzoek-betrokkene': 'Wmo 2015 art. 5.3.5',
      'erasure.bewaartermijn-verstreken': 'Wmo 2015 art. 5.3.4',
      'erasure.onrechtmatig-verwerkt': 'AVG art. 17 lid 1 sub d',
      'disclosure.lokaal-team': 'Wmo 2015 art. 5.2.6',
      'disclosure.rvdk': 'Wmo 2015 art. 4.1.1 lid 2 onder d',
      'disclosure.informeren-gemeente': 'Wmo 2015 art. 4.1.1 lid 2 onder d',
    });
    for (const key of LEGAL_BASIS_KEYS.filter((key) => key !== 'disclosure.openbaar-ministerie')) expect(bases.basis('nl', key).warnings).toEqual([]);
  });

  // docs/adr/0037: the openbaar ministerie became a partner type after the bases above were confirmed; which article lets
  // VT give it data for a request for an adult protection measure is not confirmed, so it is cited with [verify].
  it('given the European Netherlands, when a disclosure to the openbaar ministerie is cited, then it is marked [verify]', () => {
    const basis = bases.basis('nl', 'disclosure.openbaar-ministerie');
    expect(basis.citation).toBe('Wmo 2015 art. 5.2.6');
    expect(basis.warnings).toEqual([expect.stringContaining('unconfirmed [verify]')]);
  });

  it('given a household place, when its jurisdiction is asked, then the three islands are Caribisch Nederland and the rest the European Netherlands', () => {
    expect(jurisdictionOf('nl')).toBe('nl');
    for (const island of ['bonaire', 'saba', 'sint-eustatius', 'bq-bonaire', 'bq-saba', 'bq-sint-eustatius']) expect(jurisdictionOf(island)).toBe('bes');
    expect(() => jurisdictionOf('aruba')).toThrow(/no jurisdiction for place "aruba"; known: nl, bonaire, saba, sint-eustatius/);
    expect(() => jurisdictionOf('bq-nl')).toThrow(RangeError);
  });
});

describe('checking a legal bases document at start', () => {
  it('given a key that no output cites, when checked, then the start fails naming it', () => {
    const doc = document();
    (doc.jurisdictions['bes'] as { bases: Record<string, unknown> }).bases['clock.tijdelijk-straatverbod'] = { citation: 'x', source: 'y', validFrom: '2025-01-01' };
    expect(() => parseLegalBases(doc)).toThrow(/jurisdiction bes names unknown legal basis "clock.tijdelijk-straatverbod"/);
  });

  it('given a jurisdiction that lacks a key, when checked, then the start fails naming the jurisdiction and the key', () => {
    const doc = document();
    delete doc.jurisdictions['nl']?.bases['disclosure.mdt'];
    expect(() => parseLegalBases(doc)).toThrow(/jurisdiction nl is missing legal basis "disclosure.mdt"/);
  });

  it('given an unknown or a missing jurisdiction, when checked, then both are named', () => {
    const doc = document();
    doc.jurisdictions['aruba'] = doc.jurisdictions['bes'] as never;
    delete doc.jurisdictions['bes'];
    expect(() => parseLegalBases(doc)).toThrow(/unknown jurisdiction "aruba"[\s\S]*jurisdiction bes is missing/);
  });

  it('given an island citation of a law that does not apply there, when checked, then it is refused naming the law', () => {
    const doc = document();
    (doc.jurisdictions['bes']?.bases['clock.onderzoek'] as Record<string, unknown>)['citation'] = 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7 lid 2';
    expect(() => parseLegalBases(doc)).toThrow(/jurisdiction bes "clock.onderzoek".citation cites "Wmo 2015", which does not apply in this jurisdiction/);
  });

  it('given an entry without its source or with a bad date, when checked, then every problem is listed at once', () => {
    const doc = document();
    const entry = doc.jurisdictions['nl']?.bases['retention'] as Record<string, unknown>;
    delete entry['source'];
    entry['validFrom'] = '2015-13-01';
    entry['note'] = 'x';
    let message = '';
    try {
      parseLegalBases(doc, 'test document');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('test document is not valid');
    expect(message).toContain('jurisdiction nl "retention" has an unknown field "note"');
    expect(message).toContain('jurisdiction nl "retention".source must say where the citation was taken from');
    expect(message).toContain('jurisdiction nl "retention".validFrom must be a date YYYY-MM-DD');
  });

  it('given LEGAL_BASES_CONFIG naming a file that does not exist, when loaded, then the error names the variable and the file', () => {
    expect(() => loadLegalBases({ LEGAL_BASES_CONFIG: '/nonexistent/legal-bases.json' })).toThrow(/LEGAL_BASES_CONFIG\) from \/nonexistent\/legal-bases.json/);
  });
});
