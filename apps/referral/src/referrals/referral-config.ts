import { Injectable, Logger } from '@nestjs/common';
import { defaultLegalBases, LegalBases } from '@vt/legal';
import { AnswerWithin, loadPartnerDirectory, loadRoutingRules, parseAnswerWithin, parsePartnerReferenceKey, PartnerDirectory, RoutingRules } from '@vt/referral-domain';

/**
 * What the referral service routes by, read and checked at start: the versioned partner directory
 * (`config/partners/directory.json` or `PARTNER_DIRECTORY_FILE`), the routing rules
 * (`config/partners/routing.json` or `REFERRAL_ROUTING_FILE`), `REFERRAL_ANSWER_WITHIN` and the secret partner
 * household references are derived with (`PARTNER_REFERENCE_KEY`, required; docs/adr/0016), and the legal
 * bases each disclosure cites per jurisdiction (`config/legal-bases.json` or `LEGAL_BASES_CONFIG`; docs/adr/0019).
 */
@Injectable()
export class ReferralConfig {
  readonly directory: PartnerDirectory = loadPartnerDirectory();
  readonly rules: RoutingRules = loadRoutingRules();
  readonly answerWithin: AnswerWithin = parseAnswerWithin(process.env['REFERRAL_ANSWER_WITHIN'] || undefined);
  readonly partnerReferenceKey: Buffer = parsePartnerReferenceKey(process.env['PARTNER_REFERENCE_KEY']);
  readonly legalBases: LegalBases = defaultLegalBases();

  constructor() {
    if (this.directory.coverage === 'partial') {
      new Logger('Referral').warn(`partner directory ${this.directory.version} is partial (${this.directory.partners.length} partners): for tests and demos only`);
    }
  }
}
