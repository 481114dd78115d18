import { Injectable, Logger } from '@nestjs/common';
import { AnswerWithin, loadPartnerDirectory, loadRoutingRules, parseAnswerWithin, PartnerDirectory, RoutingRules } from '@vt/referral-domain';

/**
 * What the referral service routes by, read and checked at start: the versioned partner directory
 * (`config/partners/directory.json` or `PARTNER_DIRECTORY_FILE`), the routing rules
 * (`config/partners/routing.json` or `REFERRAL_ROUTING_FILE`) and `REFERRAL_ANSWER_WITHIN`.
 */
@Injectable()
export class ReferralConfig {
  readonly directory: PartnerDirectory = loadPartnerDirectory();
  readonly rules: RoutingRules = loadRoutingRules();
  readonly answerWithin: AnswerWithin = parseAnswerWithin(process.env['REFERRAL_ANSWER_WITHIN'] || undefined);

  constructor() {
    if (this.directory.coverage === 'partial') {
      new Logger('Referral').warn(`partner directory ${this.directory.version} is partial (${this.directory.partners.length} partners): for tests and demos only`);
    }
  }
}
