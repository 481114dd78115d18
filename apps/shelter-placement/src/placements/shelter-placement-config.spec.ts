import { DEFAULT_ANSWER_TERMS_MS } from '@vt/shelter-domain';
import { contactsOf, parseAnswerTerms, parseIsoDuration, ShelterPlacementConfig, sheltersOfDirectory } from './shelter-placement-config';

describe('shelter placement configuration, checked at start', () => {
  it('SHELTER_ANSWER_TERMS: ISO durations per urgency, the rest the decider\'s defaults; anything else refused', () => {
    expect(parseIsoDuration('PT1H')).toBe(3_600_000);
    expect(parseIsoDuration('P1DT2H30M')).toBe((26 * 60 + 30) * 60_000);
    expect(parseIsoDuration('PT3S')).toBe(3000);
    for (const bad of ['P', 'PT', '1H', 'P1M', 'PT0S', '']) expect(parseIsoDuration(bad)).toBeUndefined();
    expect(parseAnswerTerms(undefined)).toEqual(DEFAULT_ANSWER_TERMS_MS);
    expect(parseAnswerTerms('regulier=PT3S')).toEqual({ ...DEFAULT_ANSWER_TERMS_MS, regulier: 3000 });
    expect(() => parseAnswerTerms('morgen=PT1H')).toThrow(/urgency one of acuut, spoed, regulier/);
    expect(() => parseAnswerTerms('acuut=een uur')).toThrow(/not an ISO duration/);
  });

  it('the shelters are the directory\'s vrouwenopvang partners, each in a VT region in force', () => {
    const regions = ['vt-groningen', 'vt-drenthe'];
    const directory = { partners: [{ partnerId: 'vrouwenopvang-drenthe', partnerType: 'vrouwenopvang', regionCode: 'vt-drenthe' }, { partnerId: 'politie-drenthe', partnerType: 'politie', regionCode: 'vt-drenthe' }] };
    expect(sheltersOfDirectory(directory, regions, 'directory')).toEqual([{ shelterId: 'vrouwenopvang-drenthe', region: 'vt-drenthe' }]);
    expect(() => sheltersOfDirectory({ partners: [{ partnerId: 'vrouwenopvang-x', partnerType: 'vrouwenopvang', regionCode: 'vt-nergens' }] }, regions, 'directory')).toThrow(/not a VT region in force/);
  });

  it('every VT region in force needs a contact with a name and a phone number', () => {
    const regions = ['vt-groningen', 'vt-drenthe'];
    const contact = { name: 'Crisisdienst', phone: '0800-2000' };
    expect(contactsOf({ regions: regions.map((region) => ({ region, contact })) }, regions, 'file').get('vt-drenthe')).toEqual(contact);
    expect(() => contactsOf({ regions: [{ region: 'vt-groningen', contact }] }, regions, 'file')).toThrow(/no contact for vt-drenthe/);
    expect(() => contactsOf({ regions: regions.map((region) => ({ region, contact: { name: 'x', phone: ' ' } })) }, regions, 'file')).toThrow(/needs a contact/);
  });

  it('the shipped files pass: every directory shelter and every region has what it needs', () => {
    const config = new ShelterPlacementConfig({});
    expect(config.shelters.length).toBeGreaterThan(20);
    expect(config.shelters.every((shelter) => shelter.shelterId.startsWith('vrouwenopvang-'))).toBe(true);
    expect(config.regions.every((region) => config.contacts.has(region))).toBe(true);
  });
});
